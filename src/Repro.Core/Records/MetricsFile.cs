using System.Text.Json;
using Repro.Diagnostics;

namespace Repro.Records;

/// <summary>Reads the metrics.json a program wrote, and refuses anything that is not an object of finite numbers.</summary>
public static class MetricsFile
{
    public static SortedDictionary<string, double> Read(string path, string experiment)
    {
        if (!File.Exists(path))
        {
            throw new ReproException(ErrorCode.NoMetrics,
                $"experiment '{experiment}' wrote no {Repro.RunFiles.Metrics}: the program must record at least one metric " +
                "(run.LogMetric(\"accuracy\", value) with Repro.Runtime).");
        }

        JsonDocument document;
        try
        {
            var bytes = StrictJson.ReadFile(path);
            document = JsonDocument.Parse(bytes.AsMemory(bytes.Length - StrictJson.Check(bytes).Length), StrictJson.Document);
        }
        catch (JsonException e)
        {
            throw Bad(experiment, $"it is not valid JSON ({e.Message})");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw Bad(experiment, "it must be a JSON object of metric names to numbers");
            }

            var metrics = new SortedDictionary<string, double>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetDouble(out var value))
                {
                    throw Bad(experiment, $"metric '{property.Name}' is {property.Value.GetRawText()}, not a number");
                }

                if (!double.IsFinite(value))
                {
                    throw Bad(experiment, $"metric '{property.Name}' is not finite");
                }

                metrics[property.Name] = value;
            }

            return metrics.Count > 0 ? metrics : throw Bad(experiment, "it holds no metric");
        }
    }

    private static ReproException Bad(string experiment, string why) => new(ErrorCode.BadMetrics,
        $"the {Repro.RunFiles.Metrics} of experiment '{experiment}' cannot be used: {why}. Record only finite numbers.");
}
