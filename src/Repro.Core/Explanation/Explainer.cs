using Repro.Diagnostics;
using Repro.Experiments;
using Repro.Records;
using Repro.Reproduction;
using Repro.Runs;
using Repro.Threads;
using Repro.Training;

namespace Repro.Explanation;

/// <summary>What the user asked of one Explain build: side A, the side B it is held against (null when not given), and how many runs at once.</summary>
public sealed record ExplainRequest(ExplainSide A, ExplainSide? B, int MaxParallelRuns, string Configuration);

/// <summary>
/// Why B's metrics differ from A's: the inputs that changed, and A re-run with each change alone (B's data with A's
/// code and parameters, B's code through its commit's worktree with A's data and parameters, and so on), beside A
/// re-run as it was (the baseline). For groups, this is done for each run of A and the run of B with its seed.
/// Each re-run is a recorded run (explanationOf), found up to date when the store already has one with the same inputs.
/// </summary>
public sealed class Explainer(TrainSettings settings)
{
    /// <summary>What the baseline run's explanationOf names.</summary>
    public const string Baseline = "none (A as recorded)";

    public GroupExplanation Explain(ExplainRequest request, CancellationToken cancellation = default)
    {
        if (request.B is null)
        {
            throw new ReproException(ErrorCode.ExplainNeedsTwoRuns,
                "-t:Explain needs the run to explain and the run it differs from: -p:RunId=A -p:Against=B (run or group ids, as -t:Runs lists them, or model@alias).");
        }

        var store = settings.Store;
        var pairs = Pairing.Of(request.A.RunIds.Select(id => Open(id, request)).ToArray(), request.B.RunIds.Select(id => Open(id, request)).ToArray(), r => r.Plan.Seed)
            .Select(p => (p.A, p.B, Changes: InputChanges.Between(p.A.Record, p.B.Record, RunComparison.Inputs(p.A.Record, p.B.Record, store.Rows))))
            .ToArray();
        var metrics = pairs.SelectMany(p => new[] { p.A.Record, p.B.Record }).Select(r => (IEnumerable<string>)r.Metrics.Keys)
            .Aggregate((x, y) => x.Intersect(y).ToArray()).Order(StringComparer.Ordinal).ToArray();
        var unexplained = pairs.Select(p => new Explanation(p.A.Record, p.B.Record, metrics, p.Changes, null, [])).ToArray();
        if (pairs.All(p => metrics.All(m => p.A.Record.Metrics[m].Equals(p.B.Record.Metrics[m]))))
        {
            return new GroupExplanation(request.A, request.B, metrics, unexplained) { Note = "B's metrics are A's, bit for bit: there is nothing to explain." };
        }

        if (pairs.All(p => p.Changes.Count == 0))
        {
            return new GroupExplanation(request.A, request.B, metrics, unexplained)
            {
                Note = VerdictReport.NothingChanged(MLNetUse.Find(settings.AssetsFile, settings.TargetFramework) is not null, pairs[0].A.Record.Environment.ProcessorCount),
            };
        }

        var today = new RunPreparation(settings).Inputs.Program.Sha256;
        var commits = pairs.SelectMany(p => new[] { p.A.Record.Git.Commit, p.B.Record.Git.Commit }).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
        using var applier = new ChangeApplier(settings, today, request.Configuration, new DataContent(store, settings.ProjectDirectory, settings.Git.RepositoryRoot, commits));

        // Pair by pair, the baseline first, then each change alone in the order listed: the runs to make and the settings each runs with.
        var variants = new List<ExplanationRuns.Variant>();
        var applied = new List<AppliedChange?[]>();
        foreach (var (a, b, changes) in pairs)
        {
            var codeOfA = applier.CodeOf(a) ?? throw new ReproException(ErrorCode.ExplainCannotRerun,
                $"run {a.Record.RunId} cannot be re-run with its own code: today's build is other code, and {ChangeApplier.WhyNotAtCommit(a.Record)}. Explain it with a run made from today's code as -p:RunId.");
            var baselineData = applier.Data(codeOfA, a.Plan.Data, a.Record) ?? throw new ReproException(ErrorCode.ExplainCannotRerun,
                $"run {a.Record.RunId}'s data is no longer to be had: {applier.MissingData(codeOfA, a.Plan.Data, a.Record)} is neither in the project nor in commit {ChangeApplier.Short(a.Record.Git.Commit)}. Restore it to explain the run.");
            variants.Add(new(a.Record.RunId, b.Record.RunId, null, codeOfA, a.Plan with { Data = baselineData }));
            var ofPair = new AppliedChange?[changes.Count];
            for (var i = 0; i < changes.Count; i++)
            {
                string? why = null;
                var variant = changes[i].NotAttributable is null ? applier.Apply(changes[i], a, b, codeOfA, baselineData, out why) : null;
                if (variant is null)
                {
                    ofPair[i] = new AppliedChange(changes[i], null, null) { Missing = changes[i].NotAttributable ?? why };
                }
                else
                {
                    variants.Add(new(a.Record.RunId, b.Record.RunId, changes[i], variant.Value.Settings, variant.Value.Plan));
                }
            }

            applied.Add(ofPair);
        }

        var outcomes = ExplanationRuns.Run(settings, variants, request.A.Label, request.B.Label, request.MaxParallelRuns, cancellation);
        var next = 0;
        var explained = new Explanation[pairs.Length];
        for (var p = 0; p < pairs.Length; p++)
        {
            var baseline = outcomes[next++];
            var ofPair = applied[p];
            for (var i = 0; i < ofPair.Length; i++)
            {
                if (ofPair[i] is null)
                {
                    var outcome = outcomes[next++];
                    ofPair[i] = new AppliedChange(pairs[p].Changes[i], outcome?.Record.RunId, outcome?.Record is { Status: RunStatus.Completed } done ? done.Metrics : null, outcome?.UpToDate ?? false)
                    {
                        Missing = outcome is null ? "its run was not made (the build was cancelled)" : outcome.Record.Status != RunStatus.Completed ? $"its run {outcome.Record.RunId} {outcome.Record.Status}" : null,
                    };
                }
            }

            explained[p] = new Explanation(pairs[p].A.Record, pairs[p].B.Record, metrics, pairs[p].Changes, baseline is { Record.Status: RunStatus.Completed } ? baseline : null, ofPair!)
            {
                BaselineMissing = baseline is null ? "it was not made (the build was cancelled)" : baseline.Record.Status != RunStatus.Completed ? $"its run {baseline.Record.RunId} {baseline.Record.Status}" : null,
            };
        }

        return new GroupExplanation(request.A, request.B, metrics, explained);
    }

    private RecordedRun Open(string id, ExplainRequest request)
    {
        var run = RecordedRun.Open(settings.Store, new ReproduceRequest(id, null, Exact: false, AtCommit: false, request.Configuration));
        if (run.Record.Status != RunStatus.Completed)
        {
            throw new ReproException(ErrorCode.ExplainCannotRerun, $"run {run.Record.RunId} {run.Record.Status}, so it has no metrics to explain: name a completed run.");
        }

        return run;
    }
}
