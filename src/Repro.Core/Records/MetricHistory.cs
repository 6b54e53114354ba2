using System.Text.Json;
using System.Text.Unicode;
using Repro.Diagnostics;

namespace Repro.Records;

/// <summary>
/// Reads the history.jsonl a program wrote with <c>run.LogMetric(name, value, step)</c>: each metric's points in the
/// order they were logged. A line that is not a point makes the run's metrics unusable, like a bad metrics.json.
/// </summary>
public static class MetricHistory
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    /// <summary>Metric name to its points, names in ordinal order; empty when the program logged no series.</summary>
    /// <exception cref="ReproException">REPRO0008 for a line that is not <c>{"name":…,"step":…,"value":…}</c>.</exception>
    public static SortedDictionary<string, List<(long Step, double Value)>> Read(string path, string experiment)
    {
        var series = new SortedDictionary<string, List<(long Step, double Value)>>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return series;
        }

        byte[] bytes;
        try
        {
            bytes = StrictJson.ReadFile(path);
        }
        catch (JsonException e)
        {
            throw new ReproException(ErrorCode.BadMetrics, $"the {RunFiles.History} of experiment '{experiment}' cannot be read: {e.Message}.");
        }

        if (!Utf8.IsValid(bytes))
        {
            throw new ReproException(ErrorCode.BadMetrics, $"the {RunFiles.History} of experiment '{experiment}' is not valid UTF-8.");
        }

        var number = 0;
        var rest = bytes.AsSpan(bytes.AsSpan().StartsWith(Bom) ? Bom.Length : 0);
        while (!rest.IsEmpty)
        {
            number++;
            var end = rest.IndexOf((byte)'\n');
            var line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? [] : rest[(end + 1)..];
            if (line.EndsWith("\r"u8))
            {
                line = line[..^1];
            }

            if (line.IsEmpty)
            {
                continue;
            }

            var (name, step, value) = Point(line) ?? throw new ReproException(ErrorCode.BadMetrics,
                $"line {number} of the {RunFiles.History} of experiment '{experiment}' is not a point of a series " +
                "({\"name\":…,\"step\":…,\"value\":…} with a step from 0 and a finite value). Log series with run.LogMetric(name, value, step).");
            if (!series.TryGetValue(name, out var points))
            {
                series[name] = points = [];
            }

            points.Add((step, value));
        }

        return series;
    }

    private static (string Name, long Step, double Value)? Point(ReadOnlySpan<byte> line)
    {
        try
        {
            using var document = JsonDocument.Parse(StrictJson.Check(line, allowBom: false).ToArray(), StrictJson.Document);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String
                && name.GetString() is { Length: > 0 } text
                && root.TryGetProperty("step", out var step) && step.ValueKind == JsonValueKind.Number && step.TryGetInt64(out var at) && at >= 0
                && root.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Number
                && value.TryGetDouble(out var number) && double.IsFinite(number)
                    ? (text, at, number)
                    : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a name that is no text (a lone surrogate escaped in it).
            return null;
        }
    }
}
