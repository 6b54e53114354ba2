using System.Text;

namespace Repro.Groups;

/// <summary>Train's table for a group: each metric's distribution over the seeds, and for a sweep the grid, best first.</summary>
public static class GroupSummary
{
    public static string Render(GroupOutcome outcome)
    {
        var group = outcome.Record;
        var text = new StringBuilder();
        text.Append($"Group {group.GroupId}: {group.Experiment}, {GroupText.Shape(group)}, {group.Members.Count} run(s), {GroupText.CompletedCount(group)} completed")
            .Append(outcome.UpToDate ? " (up to date)" : "").Append('\n');
        if (!group.IsSweep)
        {
            var statistics = group.Points.Count == 1 ? group.Points[0].Statistics : new SortedDictionary<string, MetricSummary>();
            Table(text, statistics.Values.Select(s => new[] { s.Metric, GroupText.MeanSd(s), GroupText.Interval(s), s.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) })
                .Prepend(["metric", "mean ± sd", "95 % CI", "n"]));
        }
        else
        {
            text.Append("  ").Append(GroupText.Ranking(group)).Append('\n');
            var metric = group.RankedBy;
            Table(text, GroupText.Ranked(group).Select((index, rank) =>
            {
                var point = group.Points[index];
                var summary = metric is not null && point.Statistics.TryGetValue(metric, out var s) ? s : null;
                return group.Sweep.Select(a => point.Params.GetValueOrDefault(a.Name) ?? "")
                    .Prepend((rank + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))
                    .Concat([summary is null ? "—" : GroupText.MeanSd(summary), summary is null ? "—" : GroupText.Interval(summary), point.Runs.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)])
                    .ToArray();
            }).Prepend([.. new[] { "rank" }.Concat(group.Sweep.Select(a => a.Name)), $"{metric ?? "metric"} mean ± sd", "95 % CI", "n"]));
        }

        if (GroupText.Best(group) is { } best)
        {
            text.Append("  best: ").Append(best).Append('\n');
        }

        text.Append("  record: ").Append(outcome.Folder.Replace('\\', '/'));
        return text.ToString();
    }

    private static void Table(StringBuilder text, IEnumerable<string[]> rows)
    {
        var all = rows.ToArray();
        if (all.Length <= 1)
        {
            text.Append("  (no metric every completed run logged)\n");
            return;
        }

        var widths = Enumerable.Range(0, all[0].Length).Select(c => all.Max(r => r[c].Length)).ToArray();
        foreach (var row in all)
        {
            text.Append("  ").AppendJoin("  ", row.Select((cell, c) => cell.PadRight(widths[c]))).Append('\n');
        }
    }
}
