using System.Globalization;
using Repro.Records;
using Repro.Reproduction;

namespace Repro.Explanation;

/// <summary>
/// The inputs that differ between run A and run B, one change each: the parameters, the seed and the test size from
/// the configs, the rest from the same input checks Reproduce and Compare print. What the program made of them (its
/// split, its model's shape) is an outcome, not a change of its own.
/// </summary>
public static class InputChanges
{
    // Checks that together are the code: the commit and its uncommitted changes, the packages, the built program, native libraries.
    private static readonly string[] Code = ["commit", "dirty", "source patch", "lock file", "program"];
    private static readonly string[] Threads = ["processor count", "OMP_NUM_THREADS"];
    private static readonly string[] Outcomes = ["split", "model shape"];

    public static IReadOnlyList<InputChange> Between(RunRecord a, RunRecord b, IReadOnlyList<InputCheck> checks)
    {
        var changes = new List<InputChange>();
        foreach (var name in a.Params.Keys.Union(b.Params.Keys).Order(StringComparer.Ordinal))
        {
            var (was, @is) = (a.Params.GetValueOrDefault(name), b.Params.GetValueOrDefault(name));
            if (was != @is)
            {
                changes.Add(new InputChange(ChangeKind.Parameter, name, $"{name} {was ?? "(none)"} → {@is ?? "(none)"}") { Value = @is });
            }
        }

        if (a.Seed != b.Seed)
        {
            changes.Add(new InputChange(ChangeKind.Seed, "seed", $"seed {a.Seed} → {b.Seed}") { Value = b.Seed.ToString(CultureInfo.InvariantCulture) });
        }

        if (a.TestSize != b.TestSize)
        {
            changes.Add(new InputChange(ChangeKind.TestSize, "test size", $"test size {Text(a.TestSize)} → {Text(b.TestSize)}") { Value = b.TestSize?.ToString("R", CultureInfo.InvariantCulture) });
        }

        var dataPaths = a.Data.Select(d => d.Path).Union(b.Data.Select(d => d.Path)).ToHashSet(StringComparer.Ordinal);
        var changed = checks.Where(c => c.Changed).ToArray();
        foreach (var check in changed.Where(c => dataPaths.Contains(c.Input)))
        {
            changes.Add(Data(check, b));
        }

        var code = changed.Where(c => Code.Contains(c.Input) || c.Input.StartsWith("native ", StringComparison.Ordinal)).ToArray();
        if (code.Length > 0)
        {
            changes.Add(new InputChange(ChangeKind.Code, "code", "code " + CodeLabel(a, b, code)));
        }

        var threads = changed.Where(c => Threads.Contains(c.Input)).ToArray();
        if (threads.Length > 0)
        {
            changes.Add(new InputChange(ChangeKind.Threads, "processor count", string.Join(", ", threads.Select(c => $"{c.Input} {c.Recorded ?? "(unset)"} → {c.Current ?? "(unset)"}"))));
        }

        foreach (var check in changed.Where(c => !dataPaths.Contains(c.Input) && !Code.Contains(c.Input) && !Threads.Contains(c.Input) && !Outcomes.Contains(c.Input)
                     && !c.Input.StartsWith("native ", StringComparison.Ordinal)))
        {
            changes.Add(new InputChange(ChangeKind.Environment, check.Input, $"{check.Input} {check.Recorded ?? "(none)"} → {check.Current ?? "(none)"}")
            {
                NotAttributable = $"the {check.Input} is this machine's and this build's, not a run's: run Explain where it is {check.Current ?? "unset"} and where it is {check.Recorded ?? "unset"}",
            });
        }

        return changes;
    }

    private static InputChange Data(InputCheck check, RunRecord b)
    {
        var label = check.Input + (check.Detail is { } detail ? $" ({detail.Split("; ")[0]})" : "");
        if (check.Recorded is null || check.Current is null)
        {
            return new InputChange(ChangeKind.Data, check.Input, check.Input + (check.Recorded is null ? " (read only by B)" : " (read only by A)"))
            {
                NotAttributable = "the runs read other files, not other contents of one file: there is no one file to swap",
            };
        }

        return new InputChange(ChangeKind.Data, check.Input, label) { Value = b.Data.Single(d => d.Path == check.Input).Sha256 };
    }

    private static string CodeLabel(RunRecord a, RunRecord b, InputCheck[] code)
    {
        var commits = a.Git.Commit == b.Git.Commit
            ? $"{Short(a.Git.Commit)} with other uncommitted changes"
            : $"{Short(a.Git.Commit)}{(a.Git.Dirty == true ? "+changes" : "")} → {Short(b.Git.Commit)}{(b.Git.Dirty == true ? "+changes" : "")}";
        var parts = code.Where(c => c.Input is "program" or "lock file" || c.Input.StartsWith("native ", StringComparison.Ordinal))
            .Select(c => c.Input == "program" && c.Detail is { } files ? $"program: {files}" : c.Input);
        return $"{commits} ({string.Join("; ", parts.DefaultIfEmpty("the same program"))})";
    }

    private static string Short(string? commit) => commit is null ? "(unknown)" : commit[..Math.Min(7, commit.Length)];

    private static string Text(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "(none)";
}
