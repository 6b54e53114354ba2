using Repro.Registry;
using System.Globalization;
using System.Text;
using Repro.Groups;
using Repro.Records;

namespace Repro.Views;

/// <summary>Everything about one group a person asks for: its members, what they say together, and how to reproduce them.</summary>
public static class GroupDescription
{
    public static string Render(GroupRecord group, IReadOnlyList<ModelVersion> versions, IReadOnlyList<ModelAlias> aliases, string reproduceCommand)
    {
        var text = new StringBuilder();
        text.Append($"Group {group.GroupId}: {group.Experiment}, {Kind(group)}, {Size(group)}").Append('\n');
        foreach (var version in versions)
        {
            text.Append("  registered as ").Append(VersionLabel.Of(version, aliases))
                .Append($", the model of member {version.RunId}").Append('\n');
        }

        text.Append("  seeds         ").AppendJoin(", ", group.Seeds.Select(s => s.ToString(CultureInfo.InvariantCulture))).Append('\n');
        foreach (var axis in group.Sweep)
        {
            text.Append("  sweep         ").Append(axis.Name).Append(" = ").AppendJoin(", ", axis.Values).Append('\n');
        }

        text.Append("  members:\n");
        var rows = group.Members.Select(m => new[]
        {
            m.RunId, "seed " + m.Seed.ToString(CultureInfo.InvariantCulture), Point(m.Point), m.Status + (m.UpToDate ? " (up to date, not trained again)" : ""),
        }).Select(row => group.IsSweep ? row : [row[0], row[1], row[3]]).ToList();
        Table(text, rows, "    ");
        for (var i = 0; i < group.Points.Count; i++)
        {
            var point = group.Points[i];
            text.Append("  statistics    ").Append(group.IsSweep ? Point(point.Params) : "over the seeds")
                .Append(group.BestPoint == i ? $" (best by {group.RankedBy})" : "").Append('\n');
            text.Append(Statistics(point.Statistics, "    "));
        }

        if (group.BestRun is { } best)
        {
            var metric = group.RankedBy is { } ranked && group.Members.FirstOrDefault(m => m.RunId == best)?.Metrics.TryGetValue(ranked, out var value) == true
                ? $" ({ranked} = {Shown.Number(value)}, {(group.LowerIsBetter ? "lower" : "higher")} is better)"
                : "";
            text.Append("  best run      ").Append(best).Append(metric).Append('\n');
        }

        var git = group.Git;
        text.Append("  commit        ").Append(git.Commit is null ? "unknown (" + git.UnknownReason + ")" : $"{git.Commit} on {git.Branch ?? "a detached HEAD"}, {(git.Dirty == false ? "clean" : "DIRTY")}").Append('\n');
        text.Append("  ran           ").Append(group.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)).Append('\n');
        text.Append("  reproduce     ").Append(reproduceCommand).Append("   (every member; fails if any diverges)").Append('\n');
        text.Append("  train again   ").Append(group.Command);
        return text.ToString();
    }

    /// <summary>For a version registered from a group: which group backs it and what its seeds say together.</summary>
    public static string Backing(ModelVersion version, GroupRecord? group)
    {
        var text = new StringBuilder();
        var seeds = version.GroupMetrics?.Values.FirstOrDefault()?.Count;
        text.Append($"  backed by     group {version.Group}")
            .Append(group is null ? " (its group.json is not in the run store)" : $" of {group.Members.Count} runs ({Kind(group)}), the model of member {version.RunId}")
            .Append('\n');
        if (version.GroupMetrics is { Count: > 0 } metrics)
        {
            text.Append("  over ").Append(seeds?.ToString(CultureInfo.InvariantCulture) ?? "its").Append(" seeds:\n");
            text.Append(Statistics(metrics, "    "));
        }

        return text.ToString().TrimEnd('\n');
    }

    /// <summary>A statistics table: metric, mean ± sd, the confidence interval of the mean, min, max, n.</summary>
    public static string Statistics(IReadOnlyDictionary<string, MetricSummary> statistics, string indent)
    {
        if (statistics.Count == 0)
        {
            return indent + "no metric every completed member logged\n";
        }

        var rows = statistics.Values.Select(s => new[]
        {
            s.Metric, MeanAndDeviation(s), Interval(s), Shown.Number(s.Min), Shown.Number(s.Max), s.Count.ToString(CultureInfo.InvariantCulture),
        }).Prepend(["metric", "mean ± sd", $"{Percent(statistics.Values.First().Confidence)} CI of the mean", "min", "max", "n"]).ToList();
        var text = new StringBuilder();
        Table(text, rows, indent);
        return text.ToString();
    }

    /// <summary>"0.95 ± 0.012", or the value alone for a single seed.</summary>
    public static string MeanAndDeviation(MetricSummary summary) => summary.StandardDeviation is { } sd
        ? $"{Shown.Number(summary.Mean)} ± {Shown.Number(sd)}"
        : Shown.Number(summary.Mean);

    /// <summary>What a group is summed up by: the ranking metric (else the first) at the best grid point (else the only one); null without statistics.</summary>
    public static (GridPoint Point, MetricSummary Summary)? Headline(GroupRecord group)
    {
        var point = group.BestPoint is { } best && best < group.Points.Count ? group.Points[best] : group.Points.FirstOrDefault();
        if (point is null || point.Statistics.Count == 0)
        {
            return null;
        }

        return (point, group.RankedBy is { } ranked && point.Statistics.TryGetValue(ranked, out var found) ? found : point.Statistics.Values.First());
    }

    /// <summary>"3 seeds" or "sweep Trees × Depth, 3 seeds".</summary>
    public static string Kind(GroupRecord group)
    {
        var seeds = group.Seeds.Count == 1 ? "1 seed" : $"{group.Seeds.Count} seeds";
        return group.IsSweep ? $"sweep {string.Join(" × ", group.Sweep.Select(a => a.Name))}, {seeds}" : seeds;
    }

    /// <summary>"6 runs (5 completed)".</summary>
    public static string Size(GroupRecord group) => $"{group.Members.Count} runs ({group.Completed.Count()} completed)";

    private static string Interval(MetricSummary summary) => summary is { ConfidenceLow: { } low, ConfidenceHigh: { } high }
        ? $"[{Shown.Number(low)}, {Shown.Number(high)}]"
        : "— (one seed)";

    private static string Percent(double confidence) => (confidence * 100).ToString("0.##", CultureInfo.InvariantCulture) + " %";

    private static string Point(IReadOnlyDictionary<string, string> point) =>
        point.Count == 0 ? "" : string.Join(" ", point.Select(p => $"{p.Key}={p.Value}"));

    private static void Table(StringBuilder text, List<string[]> rows, string indent)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (var row in rows)
        {
            text.Append(indent).AppendJoin("  ", row.Select((cell, c) => cell.PadRight(widths[c]))).Append('\n');
        }
    }
}
