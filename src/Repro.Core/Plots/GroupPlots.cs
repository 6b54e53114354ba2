using Repro.Groups;
using Repro.Records;

namespace Repro.Plots;

/// <summary>
/// Draws a group into <c>plots/</c> of its folder: for a seed group, each metric's per-seed values with the mean and
/// its 95 % interval; for a sweep, the ranking metric against each swept parameter, one point per run.
/// </summary>
public static class GroupPlots
{
    /// <summary>Writes the plots and returns their paths relative to the group folder, in a fixed order.</summary>
    public static IReadOnlyList<string> Write(GroupRecord group, string folder)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var written = new List<string>();
        void Save(string name, string svg)
        {
            var path = $"{RunFiles.PlotsFolder}/{RunPlots.FileName(name, names)}.svg";
            var full = Path.Combine(folder, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, svg);
            written.Add(path);
        }

        var completed = group.Completed.ToArray();
        if (!group.IsSweep && group.Points.Count == 1 && completed.Length > 0)
        {
            foreach (var summary in group.Points[0].Statistics.Values)
            {
                Save(summary.Metric, SvgPlots.SeedGroup(summary.Metric,
                    completed.Select(m => (m.Seed, m.Metrics[summary.Metric])).ToArray(), summary.Mean, summary.ConfidenceLow, summary.ConfidenceHigh));
            }
        }
        else if (group.IsSweep && group.RankedBy is { } metric)
        {
            foreach (var axis in group.Sweep)
            {
                var points = completed.Where(m => m.Metrics.ContainsKey(metric))
                    .Select(m => (m.Point.GetValueOrDefault(axis.Name) ?? "", m.Metrics[metric])).ToArray();
                if (points.Length > 0)
                {
                    Save($"{metric}-by-{axis.Name}", SvgPlots.Sweep(metric, axis.Name, points));
                }
            }
        }

        return written;
    }
}
