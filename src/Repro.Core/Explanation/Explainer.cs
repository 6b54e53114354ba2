using Repro.Diagnostics;
using Repro.Experiments;
using Repro.Records;
using Repro.Reproduction;
using Repro.Runs;
using Repro.Threads;
using Repro.Training;

namespace Repro.Explanation;

/// <summary>What the user asked of one Explain build: run A, the run B it is held against, and how many runs at once.</summary>
public sealed record ExplainRequest(string? RunId, string? Against, int MaxParallelRuns, string Configuration);

/// <summary>
/// Why run B's metrics differ from run A's: the inputs that changed, and A re-run with each change alone (B's data
/// with A's code and parameters, B's code through its commit's worktree with A's data and parameters, and so on),
/// beside A re-run as it was (the baseline). Each re-run is a recorded run (explanationOf), found up to date when the
/// store already has one with the same inputs.
/// </summary>
public sealed class Explainer(TrainSettings settings)
{
    /// <summary>What the baseline run's explanationOf names.</summary>
    public const string Baseline = "none (A as recorded)";

    public Explanation Explain(ExplainRequest request, CancellationToken cancellation = default)
    {
        if (string.IsNullOrWhiteSpace(request.Against))
        {
            throw new ReproException(ErrorCode.ExplainNeedsTwoRuns,
                "-t:Explain needs the run to explain and the run it differs from: -p:RunId=A -p:Against=B (run ids, as -t:Runs lists them).");
        }

        var a = Open(request.RunId, request);
        var b = Open(request.Against, request);
        var store = settings.Store;
        var checks = RunComparison.Inputs(a.Record, b.Record, store.Rows);
        var changes = InputChanges.Between(a.Record, b.Record, checks);
        var metrics = a.Record.Metrics.Keys.Intersect(b.Record.Metrics.Keys).Order(StringComparer.Ordinal).ToArray();
        if (metrics.All(m => a.Record.Metrics[m].Equals(b.Record.Metrics[m])))
        {
            return new Explanation(a.Record, b.Record, metrics, changes, null, []) { Note = "B's metrics are A's, bit for bit: there is nothing to explain." };
        }

        if (changes.Count == 0)
        {
            return new Explanation(a.Record, b.Record, metrics, changes, null, [])
            {
                Note = VerdictReport.NothingChanged(MLNetUse.Find(settings.AssetsFile, settings.TargetFramework) is not null, a.Record.Environment.ProcessorCount),
            };
        }

        var codes = new List<CommitBuild>();
        try
        {
            var today = new RunPreparation(settings).Inputs.Program.Sha256;
            var codeOfA = Code(a, today, request, codes) ?? throw new ReproException(ErrorCode.ExplainCannotRerun,
                $"run {a.Record.RunId} cannot be re-run with its own code: today's build is other code, and {WhyNotAtCommit(a.Record)}. Explain it with a run made from today's code as -p:RunId.");
            var content = new DataContent(store, settings.ProjectDirectory, settings.Git.RepositoryRoot,
                new[] { a.Record.Git.Commit, b.Record.Git.Commit }.OfType<string>().Distinct(StringComparer.Ordinal).ToArray());
            var baselineData = Data(content, codeOfA, a.Plan.Data, a.Record)
                ?? throw new ReproException(ErrorCode.ExplainCannotRerun,
                    $"run {a.Record.RunId}'s data is no longer to be had: {MissingData(content, codeOfA, a.Plan.Data, a.Record)} is neither in the project nor in commit {Short(a.Record.Git.Commit)}. Restore it to explain the run.");

            // The baseline first, then each change alone, in the order listed: the runs to make and the settings each runs with.
            var variants = new List<(InputChange? Change, TrainSettings Settings, RunPlan Plan)> { (null, codeOfA, a.Plan with { Data = baselineData }) };
            var applied = new AppliedChange?[changes.Count];
            for (var i = 0; i < changes.Count; i++)
            {
                var change = changes[i];
                string? why = null;
                var variant = change.NotAttributable is null ? Apply(change, a, b, codeOfA, baselineData, content, today, request, codes, out why) : null;
                if (variant is null)
                {
                    applied[i] = new AppliedChange(change, null, null) { Missing = change.NotAttributable ?? why };
                    continue;
                }

                variants.Add((change, variant.Value.Settings, variant.Value.Plan));
            }

            var outcomes = ExplanationRuns.Run(settings, variants, a.Record.RunId, b.Record.RunId, request.MaxParallelRuns, cancellation);
            var baseline = outcomes[0];
            var next = 1;
            for (var i = 0; i < changes.Count; i++)
            {
                if (applied[i] is null)
                {
                    var outcome = outcomes[next++];
                    applied[i] = new AppliedChange(changes[i], outcome?.Record.RunId, outcome?.Record is { Status: RunStatus.Completed } done ? done.Metrics : null, outcome?.UpToDate ?? false)
                    {
                        Missing = outcome is null ? "its run was not made (the build was cancelled)" : outcome.Record.Status != RunStatus.Completed ? $"its run {outcome.Record.RunId} {outcome.Record.Status}" : null,
                    };
                }
            }

            return new Explanation(a.Record, b.Record, metrics, changes, baseline is { Record.Status: RunStatus.Completed } ? baseline : null, applied!)
            {
                BaselineMissing = baseline is null ? "it was not made (the build was cancelled)" : baseline.Record.Status != RunStatus.Completed ? $"its run {baseline.Record.RunId} {baseline.Record.Status}" : null,
            };
        }
        finally
        {
            foreach (var code in codes)
            {
                code.Dispose();
            }
        }
    }

    private RecordedRun Open(string? id, ExplainRequest request)
    {
        var run = RecordedRun.Open(settings.Store, new ReproduceRequest(id, null, Exact: false, AtCommit: false, request.Configuration));
        if (run.Record.Status != RunStatus.Completed)
        {
            throw new ReproException(ErrorCode.ExplainCannotRerun, $"run {run.Record.RunId} {run.Record.Status}, so it has no metrics to explain: name a completed run.");
        }

        return run;
    }

    /// <summary>Settings that run a side's code: today's build when it is that code, else its commit built in a worktree; null when neither.</summary>
    private TrainSettings? Code(RecordedRun side, string today, ExplainRequest request, List<CommitBuild> codes)
    {
        if (side.Record.Program.Sha256 == today)
        {
            return settings;
        }

        string commit;
        try
        {
            commit = RecordedRun.CommitToBuild(side.Record);
        }
        catch (ReproException)
        {
            return null;
        }

        settings.Log.Progress($"Building run {side.Record.RunId}'s code (commit {commit[..Math.Min(12, commit.Length)]})…");
        var patchFile = RecordedRun.PatchOf(side.Folder, side.Record);
        var code = CommitBuild.Open(settings, side.Record, commit, patchFile, patchFile is null ? null : SourceControl.SourcePatch.Load(patchFile, side.Record.Git.Patch!), request.Configuration);
        codes.Add(code);
        return code.Settings;
    }

    private (TrainSettings Settings, RunPlan Plan)? Apply(
        InputChange change, RecordedRun a, RecordedRun b, TrainSettings codeOfA, IReadOnlyList<string> baselineData, DataContent content,
        string today, ExplainRequest request, List<CommitBuild> codes, out string? why)
    {
        why = null;
        var plan = a.Plan with { Data = baselineData };
        switch (change.Kind)
        {
            case ChangeKind.Parameter:
                var parameters = new SortedDictionary<string, string>(plan.Params, StringComparer.Ordinal);
                if (change.Value is null)
                {
                    parameters.Remove(change.Name);
                }
                else
                {
                    parameters[change.Name] = change.Value;
                }

                return (codeOfA, plan with { Params = parameters });
            case ChangeKind.Seed:
                return (codeOfA, plan with { Seed = b.Plan.Seed });
            case ChangeKind.TestSize:
                return (codeOfA, plan with { TestSize = b.Plan.TestSize });
            case ChangeKind.Threads:
                return (codeOfA, plan with { Threads = b.Plan.Threads });
            case ChangeKind.Data:
                var index = a.Plan.Data.ToList().IndexOf(change.Name);
                var found = index < 0 ? null : content.Find(codeOfA.ProjectDirectory, change.Name, change.Value!);
                if (found is null)
                {
                    why = $"B's {change.Name} (sha256 {change.Value![..12]}…) is neither in the project nor in commit {Short(b.Record.Git.Commit)}";
                    return null;
                }

                var data = baselineData.ToArray();
                data[index] = found;
                return (codeOfA, plan with { Data = data });
            case ChangeKind.Code:
                var codeOfB = Code(b, today, request, codes);
                if (codeOfB is null)
                {
                    why = $"B's code is not today's build, and {WhyNotAtCommit(b.Record)}";
                    return null;
                }

                var dataAtB = Data(content, codeOfB, a.Plan.Data, a.Record);
                if (dataAtB is null)
                {
                    why = "A's data could not be given to B's code";
                    return null;
                }

                return (codeOfB, plan with { Data = dataAtB });
            default:
                why = change.NotAttributable;
                return null;
        }
    }

    /// <summary>A's data files as the program at <paramref name="code"/> must be given them, or null when one is nowhere to be had.</summary>
    private static IReadOnlyList<string>? Data(DataContent content, TrainSettings code, IReadOnlyList<string> paths, RunRecord record)
    {
        var found = new string[paths.Count];
        for (var i = 0; i < paths.Count; i++)
        {
            var sha = record.Data.FirstOrDefault(d => d.Path == paths[i])?.Sha256;
            if (sha is null || content.Find(code.ProjectDirectory, paths[i], sha) is not { } path)
            {
                return null;
            }

            found[i] = path;
        }

        return found;
    }

    private static string MissingData(DataContent content, TrainSettings code, IReadOnlyList<string> paths, RunRecord record) =>
        string.Join(", ", paths.Where(p => record.Data.FirstOrDefault(d => d.Path == p)?.Sha256 is not { } sha || content.Find(code.ProjectDirectory, p, sha) is null)
            .Select(p => $"{p} (sha256 {record.Data.FirstOrDefault(d => d.Path == p)?.Sha256?[..12]}…)"));

    private static string WhyNotAtCommit(RunRecord record)
    {
        try
        {
            RecordedRun.CommitToBuild(record);
            return "its commit could not be built";
        }
        catch (ReproException e)
        {
            return e.Message.TrimEnd('.');
        }
    }

    private static string Short(string? commit) => commit is null ? "(unknown)" : commit[..Math.Min(7, commit.Length)];
}
