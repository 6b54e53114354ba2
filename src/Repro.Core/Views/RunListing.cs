using Repro.Registry;
using System.Globalization;
using System.Text;
using Repro.Diagnostics;
using Repro.Groups;
using Repro.Records;
using Repro.Runs;

namespace Repro.Views;

/// <summary>
/// The run store as a table, newest first, with the model versions registered from each run. It lists the newest
/// <see cref="DefaultLast"/> runs, as <c>git log</c> pages: a store of thousands of runs lists in well under a second,
/// since only the records shown are read, and says how many older runs it left out. Groups (seeds, sweeps) follow in a
/// table of their own, paged the same way; a run trained in a group names it. Groups trained in shards and not recorded
/// yet follow, found by a byte search of every run.json (only those that name a group plan are parsed).
/// </summary>
public static class RunListing
{
    private const int MainMetrics = 3;

    /// <summary>How many runs -t:Runs lists unless -p:Last says otherwise.</summary>
    public const int DefaultLast = 50;

    /// <summary>-p:Last: empty for the default, else a whole number from 0 (0 lists every run).</summary>
    public static int ParseLast(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return DefaultLast;
        }

        return int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var last)
            ? last
            : throw new Diagnostics.ReproException(Diagnostics.ErrorCode.BadLast,
                $"-p:Last is \"{text}\": it must be a whole number of runs, such as 20, or 0 to list every run.");
    }

    /// <param name="last">The newest runs to list (of <paramref name="experiment"/>, when given); 0 lists every run.</param>
    /// <param name="remote">The remote, as shown, where runs whose artifacts are not local have them; null when none is set.</param>
    public static string Render(RunStore store, ModelRegistry registry, string? experiment, int last = DefaultLast, string? remote = null)
    {
        // A registry file that cannot be read is said, not failed on: the listing shows what it can.
        var (versions, registryNote) = Registered(registry);
        // A group's version is also its member's: the model is that run's.
        var registered = versions
            .GroupBy(r => r.RunId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => string.Join(", ", g.Select(r => r.Label)), StringComparer.Ordinal);
        var registeredGroups = versions.Where(v => v.Group is not null)
            .GroupBy(r => r.Group!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => string.Join(", ", g.Select(r => r.Label)), StringComparer.Ordinal);

        var rows = new List<string[]> { new[] { "RunId", "experiment", "status", "seed", "metrics", "commit", "model versions", "group" } };
        var ids = store.RunIds();
        var read = 0;
        var notLocal = 0;
        foreach (var id in ids.Reverse())
        {
            if (last > 0 && rows.Count - 1 >= last)
            {
                break;
            }

            read++;
            var (folder, record) = (store.Folder(id), store.Read(id).Record);
            if (record is null)
            {
                // Describe says what is wrong with it; the listing only shows that it is there.
                rows.Add([id, "?", "unreadable run.json", "", "", "", registered.GetValueOrDefault(id, ""), ""]);
                continue;
            }

            if (experiment is not null && !string.Equals(record.Experiment, experiment, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            // Records in git, models in a remote: such a run is listed like any other, marked.
            var remoteOnly = Remotes.LocalArtifacts.Missing(folder, record).Count > 0;
            notLocal += remoteOnly ? 1 : 0;
            rows.Add(
            [
                record.RunId,
                record.Experiment + (record.ReproductionOf is { } of ? $" (reproduces {of})" : ""),
                (record.Verdict?.Status ?? record.Status) + (remoteOnly ? "†" : ""),
                record.Seed.ToString(CultureInfo.InvariantCulture),
                string.Join(" ", record.Metrics.Take(MainMetrics).Select(m => $"{m.Key}={Shown.Number(m.Value)}")),
                (record.Git.Commit?[..7] ?? "unknown") + (record.Git.Dirty == false ? "" : "*"),
                registered.GetValueOrDefault(record.RunId, ""),
                record.Group ?? "",
            ]);
        }

        if (rows.Count == 1)
        {
            return (experiment is null ? "No runs yet: train with -t:Train." : $"No runs of experiment '{experiment}'.") + Unfinished(store.Partials()) + registryNote;
        }

        if (rows.Skip(1).All(row => row[^1].Length == 0))
        {
            rows = rows.Select(row => row[..^1]).ToList();
        }

        var text = new StringBuilder();
        Table(text, rows);
        text.Append("  (* made from a working tree with uncommitted changes, or an unknown git state)");
        if (notLocal > 0)
        {
            text.Append('\n').Append(remote is null
                ? $"  († {notLocal} run(s) whose artifacts are not in their folder: set ReproRemote and run -t:Pull to bring them)"
                : $"  († {notLocal} run(s) whose artifacts are on the remote {remote}, not in their folder: -t:Pull brings them)");
        }
        if (read < ids.Count)
        {
            text.Append('\n').Append(string.Create(CultureInfo.InvariantCulture,
                $"  … and {ids.Count - read:N0} older runs{(experiment is null ? "" : " of any experiment")}, not read: -p:Last=0 lists every run, -p:Last=N the newest N."));
        }

        Groups(text, new GroupStore(store), registeredGroups, experiment, last);
        Models(text, registry);
        Incomplete(text, store, ids, experiment);
        return text.Append(Unfinished(store.Partials())).Append(registryNote).ToString();
    }

    /// <summary>The registry's models and where each alias points now, with the version it moved from.</summary>
    private static void Models(StringBuilder text, ModelRegistry registry)
    {
        try
        {
            var lines = registry.Models().SelectMany(model => registry.Aliases(model).Select(alias => $"  {model}@{AliasText.Line(alias)}")).ToArray();
            if (lines.Length > 0)
            {
                text.Append("\nModels (-t:Describe -p:Model=NAME@ALIAS shows an alias's history):\n").AppendJoin('\n', lines);
            }
        }
        catch (ReproException e) when (e.Code == ErrorCode.DamagedRegistry)
        {
            // Registered() already says the registry cannot be read.
        }
    }

    /// <summary>Every registered version with its label, and a note when a registry file cannot be read (then none are shown).</summary>
    private static ((string RunId, string? Group, string Label)[] Versions, string Note) Registered(ModelRegistry registry)
    {
        try
        {
            var versions = registry.Models()
                .SelectMany(model =>
                {
                    var aliases = registry.Aliases(model);
                    return registry.Versions(model).Select(v => (v.RunId, v.Group, Label: Label(v, aliases)));
                })
                .ToArray();
            return (versions, "");
        }
        catch (ReproException e) when (e.Code == ErrorCode.DamagedRegistry)
        {
            return ([], $"\nThe registry cannot be read, so no model versions are shown ({e.Code}): {e.Message}");
        }
    }

    /// <summary>Run folders never finished: those whose build is gone (interrupted) and those still being written.</summary>
    private static string Unfinished(IReadOnlyList<PartialRun> partials)
    {
        var text = new StringBuilder();
        var interrupted = partials.Where(p => p.State == PartialState.Interrupted).ToArray();
        if (interrupted.Length > 0)
        {
            text.Append($"\nInterrupted runs ({ErrorCode.InterruptedRun}): their build is gone, they will never finish and are no records (-t:Prune removes them):\n");
            foreach (var run in interrupted)
            {
                text.Append($"  {run.RunId}.partial  {run.OwnerText}; {run.Holds}\n");
            }

            text.Length--;
        }

        var alive = partials.Where(p => p.State != PartialState.Interrupted).ToArray();
        if (alive.Length > 0)
        {
            text.Append("\nRuns being written: ").AppendJoin(", ", alive.Select(run =>
                $"{run.RunId} ({(run.State == PartialState.OtherMachine ? "by a build on " + run.Owner!.Machine : run.OwnerText)})"));
        }

        return text.ToString();
    }

    /// <summary>The groups, newest first: kind, size, the ranking metric's mean ± sd at the best point, the best run.</summary>
    private static void Groups(StringBuilder text, GroupStore groups, Dictionary<string, string> registered, string? experiment, int last)
    {
        var ids = groups.Ids();
        var rows = new List<string[]> { new[] { "GroupId", "experiment", "kind", "runs", "metric (mean ± sd)", "best run", "model versions" } };
        var read = 0;
        foreach (var id in ids)
        {
            if (last > 0 && rows.Count - 1 >= last)
            {
                break;
            }

            read++;
            GroupRecord group;
            try
            {
                group = groups.Read(id);
            }
            catch (Diagnostics.ReproException)
            {
                rows.Add([id, "?", "unreadable group.json", "", "", "", registered.GetValueOrDefault(id, "")]);
                continue;
            }

            if (experiment is not null && !string.Equals(group.Experiment, experiment, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            rows.Add([id, group.Experiment, GroupDescription.Kind(group), GroupDescription.Size(group), Headline(group), group.BestRun ?? "", registered.GetValueOrDefault(id, "")]);
        }

        if (rows.Count == 1)
        {
            return;
        }

        text.Append("\nGroups, newest first (-t:Describe -p:RunId=<GroupId> shows one):\n");
        Table(text, rows);
        text.Length--;
        if (read < ids.Count)
        {
            text.Append('\n').Append(string.Create(CultureInfo.InvariantCulture,
                $"  … and {ids.Count - read:N0} older groups{(experiment is null ? "" : " of any experiment")}, not read: -p:Last=0 lists every group."));
        }
    }

    /// <summary>Groups trained in shards that have no group.json yet: how many of their members are here.</summary>
    private static void Incomplete(StringBuilder text, RunStore store, IReadOnlyList<string> runIds, string? experiment)
    {
        var groups = Sharding.GroupCompletion.Survey(store, runIds)
            .Where(g => !g.Recorded && (experiment is null || string.Equals(g.Experiment, experiment, StringComparison.OrdinalIgnoreCase)))
            .Reverse().ToArray();
        if (groups.Length == 0)
        {
            return;
        }

        text.Append("\nGroups trained in shards, not recorded yet (a group is recorded once all its members are here):\n");
        Table(text, [new[] { "GroupId", "experiment", "members" }, .. groups.Select(g => new[]
        {
            g.GroupId, g.Experiment, g.Complete
                ? $"complete: all {g.Planned} members here; -t:Pull records the group"
                : $"incomplete: {g.Present} of {g.Planned} members here; the rest are trained by other shards — Pull them",
        })]);
        text.Length--;
    }

    /// <summary>The headline as the table shows it: "accuracy 0.95 ± 0.01", with the grid point for a sweep.</summary>
    private static string Headline(GroupRecord group)
    {
        if (GroupDescription.Headline(group) is not var (point, summary))
        {
            return "";
        }

        var where = group.IsSweep ? " at " + string.Join(" ", point.Params.Select(p => $"{p.Key}={p.Value}")) : "";
        return $"{summary.Metric} {GroupDescription.MeanAndDeviation(summary)}{where}";
    }

    private static void Table(StringBuilder text, List<string[]> rows)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (var row in rows)
        {
            text.Append("  ").AppendJoin("  ", row.Select((cell, c) => cell.PadRight(widths[c]))).Append('\n');
        }
    }

    private static string Label(ModelVersion version, IReadOnlyList<ModelAlias> aliases)
    {
        var pointing = aliases.Where(a => a.Version == version.Version).Select(a => a.Alias).ToArray();
        return $"{version.Model}@{version.Version}" + (pointing.Length > 0 ? $" ({string.Join(", ", pointing)})" : "");
    }
}
