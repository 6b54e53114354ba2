using Repro.Records;

namespace Repro.Groups;

/// <summary>Summarises members: per grid point, each metric over its completed seeds, in plan order.</summary>
public static class GroupStatistics
{
    public static IReadOnlyList<GridPoint> Points(IReadOnlyList<GroupMember> members)
    {
        var points = new List<GridPoint>();
        foreach (var member in members)
        {
            if (points.Count == 0 || !SameParams(points[^1].Params, member.Point))
            {
                points.Add(new GridPoint(member.Point, [], new(StringComparer.Ordinal)));
            }

            points[^1] = points[^1] with { Runs = [.. points[^1].Runs, member.RunId] };
        }

        return points.Select(point => point with { Statistics = Summarise(members.Where(m => point.Runs.Contains(m.RunId)).ToArray()) }).ToArray();
    }

    /// <summary>Each metric logged by every completed member; a metric some members lack is left out, as a mean over fewer seeds would mislead.</summary>
    public static SortedDictionary<string, MetricSummary> Summarise(IReadOnlyList<GroupMember> members)
    {
        var completed = members.Where(m => m.Status == RunStatus.Completed).ToArray();
        var statistics = new SortedDictionary<string, MetricSummary>(StringComparer.Ordinal);
        if (completed.Length == 0)
        {
            return statistics;
        }

        foreach (var metric in completed[0].Metrics.Keys.Where(name => completed.All(m => m.Metrics.ContainsKey(name))))
        {
            statistics[metric] = MetricSummary.Of(metric, completed.Select(m => m.Metrics[metric]).ToArray());
        }

        return statistics;
    }

    private static bool SameParams(SortedDictionary<string, string> a, SortedDictionary<string, string> b) =>
        a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var value) && value == p.Value);
}
