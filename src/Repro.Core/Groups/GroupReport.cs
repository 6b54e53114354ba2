using Repro.Records;
using System.Globalization;
using System.Text;

namespace Repro.Groups;

/// <summary>Renders a group's report.md: its shape, each metric's distribution, the grid best first, the members.</summary>
public static class GroupReport
{
    public const string FileName = "report.md";

    /// <summary>Writes the plots and report.md into the group's folder (before it gets its final name); the record gets the plots' hashes.</summary>
    public static GroupRecord Write(GroupRecord group, string folder, string reproduceCommand)
    {
        group = group with { Plots = Fingerprints.FileFingerprint.Of(folder, Plots.GroupPlots.Write(group, folder)) };
        File.WriteAllText(Path.Combine(folder, FileName), Render(group, reproduceCommand));
        return group;
    }

    public static string Render(GroupRecord group, string reproduceCommand)
    {
        var text = new StringBuilder();
        text.Append("# ").Append(group.Experiment).Append(" — group ").Append(group.GroupId).Append("\n\n");
        text.Append(char.ToUpperInvariant(GroupText.Shape(group)[0])).Append(GroupText.Shape(group)[1..])
            .Append($": {group.Members.Count} run(s), {GroupText.CompletedCount(group)} completed · started ")
            .Append(group.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)).Append("\n\n");
        if (!group.IsSweep && group.Points.Count == 1)
        {
            text.Append("## Metrics over the seeds\n\n| metric | mean ± sd | 95 % CI | min | max | n |\n| --- | --- | --- | --- | --- | --- |\n");
            foreach (var summary in group.Points[0].Statistics.Values)
            {
                Row(text, summary.Metric, GroupText.MeanSd(summary), GroupText.Interval(summary), Shown.Number(summary.Min), Shown.Number(summary.Max),
                    summary.Count.ToString(CultureInfo.InvariantCulture));
            }
        }
        else if (group.IsSweep)
        {
            var metric = group.RankedBy;
            text.Append("## Grid, best first\n\n").Append(char.ToUpperInvariant(GroupText.Ranking(group)[0])).Append(GroupText.Ranking(group)[1..]).Append(".\n\n| rank | ")
                .AppendJoin(" | ", group.Sweep.Select(a => a.Name)).Append($" | {metric ?? "metric"} mean ± sd | 95 % CI | n |\n|")
                .Append(string.Concat(Enumerable.Repeat(" --- |", group.Sweep.Count + 4))).Append('\n');
            var ranked = GroupText.Ranked(group);
            for (var rank = 0; rank < ranked.Count; rank++)
            {
                var point = group.Points[ranked[rank]];
                var summary = metric is not null && point.Statistics.TryGetValue(metric, out var s) ? s : null;
                Row(text, [(rank + 1).ToString(CultureInfo.InvariantCulture), .. group.Sweep.Select(a => point.Params.GetValueOrDefault(a.Name) ?? ""),
                    summary is null ? "—" : GroupText.MeanSd(summary), summary is null ? "—" : GroupText.Interval(summary), point.Runs.Count.ToString(CultureInfo.InvariantCulture)]);
            }
        }

        if (GroupText.Best(group) is { } best)
        {
            text.Append("\nBest: ").Append(best).Append(".\n");
        }

        if (group.Plots.Count > 0)
        {
            text.Append("\n## Plots\n\n");
            foreach (var plot in group.Plots)
            {
                text.Append("![").Append(Path.GetFileNameWithoutExtension(plot.Path)).Append("](").Append(plot.Path).Append(")\n\n");
            }
        }

        text.Append("\n## Members\n\n| run | seed |").Append(string.Concat(group.Sweep.Select(a => $" {a.Name} |"))).Append(" status |")
            .Append(group.RankedBy is { } m ? $" {m} |" : "").Append("\n|").Append(string.Concat(Enumerable.Repeat(" --- |", group.Sweep.Count + 3 + (group.RankedBy is null ? 0 : 1)))).Append('\n');
        foreach (var member in group.Members)
        {
            var cells = new List<string> { $"[{member.RunId}](../../{member.RunId}/report.md)", member.Seed.ToString(CultureInfo.InvariantCulture) };
            cells.AddRange(group.Sweep.Select(a => member.Point.GetValueOrDefault(a.Name) ?? ""));
            cells.Add(member.Status + (member.UpToDate ? " (on record)" : ""));
            if (group.RankedBy is { } ranking)
            {
                cells.Add(member.Metrics.TryGetValue(ranking, out var value) ? Shown.Number(value) : "—");
            }

            Row(text, [.. cells]);
        }

        text.Append("\n## Reproduce\n\nRe-run every member and compare (from the repository root):\n\n```sh\n").Append(reproduceCommand)
            .Append("\n```\n\nTrain the group again:\n\n```sh\n").Append(group.Command).Append("\n```\n");
        return text.ToString();
    }

    private static void Row(StringBuilder text, params string[] cells) =>
        text.Append("| ").AppendJoin(" | ", cells.Select(c => c.Replace("|", "\\|"))).Append(" |\n");
}
