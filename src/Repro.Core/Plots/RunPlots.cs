using Repro.Records;

namespace Repro.Plots;

/// <summary>Draws a run's series, from its history.jsonl, as <c>plots/&lt;metric&gt;.svg</c> in the run folder.</summary>
public static class RunPlots
{
    /// <summary>Writes one plot per series and returns their paths relative to the run folder, in metric order.</summary>
    /// <exception cref="Diagnostics.ReproException">REPRO0008 when history.jsonl is damaged.</exception>
    public static IReadOnlyList<string> Write(string runFolder, string experiment)
    {
        var history = MetricHistory.Read(Path.Combine(runFolder, RunFiles.History), experiment);
        var written = new List<string>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (metric, points) in history)
        {
            var path = $"{RunFiles.PlotsFolder}/{FileName(metric, names)}.svg";
            var full = Path.Combine(runFolder, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, SvgPlots.Series(metric, points));
            written.Add(path);
        }

        return written;
    }

    /// <summary>
    /// The metric's name with anything but letters, digits, '-', '_' and '.' made '_'; made unique, ignoring case for
    /// file systems that do, by a numbered suffix (names come in ordinal order, so the numbering is stable).
    /// </summary>
    internal static string FileName(string metric, ISet<string> taken)
    {
        var safe = new string(metric.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray()).Trim('.');
        safe = safe.Length == 0 ? "metric" : safe;
        var name = safe;
        for (var n = 2; !taken.Add(name); n++)
        {
            name = $"{safe}-{n}";
        }

        return name;
    }
}
