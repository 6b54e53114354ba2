using MathNet.Numerics.Distributions;

namespace Repro.Groups;

/// <summary>
/// One metric over the members of a seed group: mean, sample standard deviation, range and the confidence interval of
/// the mean from Student's t. Sums run in member order, so the same values give the same bits on every machine.
/// </summary>
/// <param name="StandardDeviation">The sample standard deviation (n − 1); null for a single value.</param>
/// <param name="ConfidenceLow">The interval's bounds; null for a single value, where there is no spread to judge by.</param>
public sealed record MetricSummary(
    string Metric,
    int Count,
    double Mean,
    double? StandardDeviation,
    double Min,
    double Max,
    double Confidence,
    double? ConfidenceLow,
    double? ConfidenceHigh)
{
    public const double DefaultConfidence = 0.95;

    public static MetricSummary Of(string metric, IReadOnlyList<double> values, double confidence = DefaultConfidence)
    {
        if (values.Count == 0)
        {
            throw new ArgumentException($"metric '{metric}' has no values to summarise", nameof(values));
        }

        var mean = Sum(values) / values.Count;
        if (values.Count == 1)
        {
            return new(metric, 1, mean, null, mean, mean, confidence, null, null);
        }

        var deviation = Math.Sqrt(SumOfSquaredDeviations(values, mean) / (values.Count - 1));
        var halfWidth = StudentT.InvCDF(0, 1, values.Count - 1, (1 + confidence) / 2) * deviation / Math.Sqrt(values.Count);
        return new(metric, values.Count, mean, deviation, values.Min(), values.Max(), confidence, mean - halfWidth, mean + halfWidth);
    }

    internal static double Sum(IReadOnlyList<double> values)
    {
        var sum = 0.0;
        for (var i = 0; i < values.Count; i++)
        {
            sum += values[i];
        }

        return sum;
    }

    internal static double SumOfSquaredDeviations(IReadOnlyList<double> values, double mean)
    {
        var sum = 0.0;
        for (var i = 0; i < values.Count; i++)
        {
            sum += (values[i] - mean) * (values[i] - mean);
        }

        return sum;
    }
}
