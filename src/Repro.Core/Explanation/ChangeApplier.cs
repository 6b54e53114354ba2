using Repro.Diagnostics;
using Repro.Experiments;
using Repro.Records;
using Repro.Reproduction;
using Repro.Runs;
using Repro.Training;

namespace Repro.Explanation;

/// <summary>
/// Applies one input change of B to A: the settings that run the right code and the plan with B's value in place of
/// A's. Each side's code is built once (a commit's worktree), however many runs use it; disposing removes the worktrees.
/// </summary>
internal sealed class ChangeApplier(TrainSettings settings, string today, string configuration, DataContent content) : IDisposable
{
    private readonly List<CommitBuild> _builds = [];
    private readonly Dictionary<string, TrainSettings?> _code = new(StringComparer.Ordinal);

    /// <summary>Settings that run a side's code: today's build when it is that code, else its commit built in a worktree; null when neither.</summary>
    public TrainSettings? CodeOf(RecordedRun side)
    {
        var program = side.Record.Program.Sha256;
        if (program == today)
        {
            return settings;
        }

        if (_code.TryGetValue(program, out var built))
        {
            return built;
        }

        string commit;
        try
        {
            commit = RecordedRun.CommitToBuild(side.Record);
        }
        catch (ReproException)
        {
            return _code[program] = null;
        }

        settings.Log.Progress($"Building run {side.Record.RunId}'s code (commit {commit[..Math.Min(12, commit.Length)]})…");
        var patchFile = RecordedRun.PatchOf(side.Folder, side.Record);
        var code = CommitBuild.Open(settings, side.Record, commit, patchFile, patchFile is null ? null : SourceControl.SourcePatch.Load(patchFile, side.Record.Git.Patch!), configuration);
        _builds.Add(code);
        return _code[program] = code.Settings;
    }

    /// <summary>A with B's value of <paramref name="change"/>, or null with why when it cannot be applied alone.</summary>
    public (TrainSettings Settings, RunPlan Plan)? Apply(InputChange change, RecordedRun a, RecordedRun b, TrainSettings codeOfA, IReadOnlyList<string> baselineData, out string? why)
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
                var codeOfB = CodeOf(b);
                if (codeOfB is null)
                {
                    why = $"B's code is not today's build, and {WhyNotAtCommit(b.Record)}";
                    return null;
                }

                var dataAtB = Data(codeOfB, a.Plan.Data, a.Record);
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
    public IReadOnlyList<string>? Data(TrainSettings code, IReadOnlyList<string> paths, RunRecord record)
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

    public string MissingData(TrainSettings code, IReadOnlyList<string> paths, RunRecord record) =>
        string.Join(", ", paths.Where(p => record.Data.FirstOrDefault(d => d.Path == p)?.Sha256 is not { } sha || content.Find(code.ProjectDirectory, p, sha) is null)
            .Select(p => $"{p} (sha256 {record.Data.FirstOrDefault(d => d.Path == p)?.Sha256?[..12]}…)"));

    public static string WhyNotAtCommit(RunRecord record)
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

    public static string Short(string? commit) => commit is null ? "(unknown)" : commit[..Math.Min(7, commit.Length)];

    public void Dispose()
    {
        foreach (var build in _builds)
        {
            build.Dispose();
        }
    }
}
