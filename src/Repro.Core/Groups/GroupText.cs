using System.Globalization;
using Repro.Records;

namespace Repro.Groups;

/// <summary>The pieces the group's console table and its report.md share: how a summary and a grid point read.</summary>
public static class GroupText
{
    /// <summary>"0.953 ± 0.0183", or the value alone for a single run.</summary>
    public static string MeanSd(MetricSummary summary) =>
        summary.StandardDeviation is { } sd ? $"{Shown.Number(summary.Mean)} ± {Shown.Number(sd)}" : Shown.Number(summary.Mean);

    /// <summary>"[0.931, 0.976]", or "—" for a single run, which has no spread to judge by.</summary>
    public static string Interval(MetricSummary summary) =>
        summary.ConfidenceLow is { } low && summary.ConfidenceHigh is { } high ? $"[{Shown.Number(low)}, {Shown.Number(high)}]" : "—";

    /// <summary>"Trees=10 MaxDepth=3" in the order swept.</summary>
    public static string Point(GroupRecord group, IReadOnlyDictionary<string, string> point) =>
        string.Join(" ", group.Sweep.Select(axis => $"{axis.Name}={point.GetValueOrDefault(axis.Name)}"));

    /// <summary>"5 seeds (1 2 3 4 5)" or "a sweep of 4 points (Trees × MaxDepth) × 2 seeds".</summary>
    public static string Shape(GroupRecord group)
    {
        var seeds = group.Seeds.Count == 1
            ? $"seed {group.Seeds[0].ToString(CultureInfo.InvariantCulture)}"
            : $"{group.Seeds.Count} seeds ({string.Join(" ", group.Seeds.Select(s => s.ToString(CultureInfo.InvariantCulture)))})";
        return group.IsSweep ? $"a sweep of {group.Points.Count} points ({string.Join(" × ", group.Sweep.Select(a => a.Name))}) × {seeds}" : seeds;
    }

    /// <summary>"ranked by accuracy (higher is better)".</summary>
    public static string Ranking(GroupRecord group) =>
        group.RankedBy is null ? "not ranked" : $"ranked by {group.RankedBy} ({(group.LowerIsBetter ? "lower" : "higher")} is better)";

    /// <summary>Grid point indexes, best first by the ranking metric's mean; points without it last, in grid order.</summary>
    public static IReadOnlyList<int> Ranked(GroupRecord group) => Enumerable.Range(0, group.Points.Count)
        .OrderBy(i => group.RankedBy is { } metric && group.Points[i].Statistics.TryGetValue(metric, out var s) ? 0 : 1)
        .ThenBy(i => group.RankedBy is { } metric && group.Points[i].Statistics.TryGetValue(metric, out var s) ? (group.LowerIsBetter ? s.Mean : -s.Mean) : 0)
        .ThenBy(i => i)
        .ToArray();

    /// <summary>"run 2026… (seed 2, Trees=50 MaxDepth=5): accuracy = 0.9667".</summary>
    public static string? Best(GroupRecord group)
    {
        var member = group.Members.FirstOrDefault(m => m.RunId == group.BestRun);
        if (member is null || group.RankedBy is null)
        {
            return null;
        }

        var point = group.IsSweep ? ", " + Point(group, member.Point) : "";
        return $"run {member.RunId} (seed {member.Seed.ToString(CultureInfo.InvariantCulture)}{point}): {group.RankedBy} = {Shown.Number(member.Metrics[group.RankedBy])}";
    }

    public static int CompletedCount(GroupRecord group) => group.Members.Count(m => m.Status == RunStatus.Completed);
}
