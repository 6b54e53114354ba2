using MathNet.Numerics.Distributions;

namespace Repro.Groups;

/// <summary>
/// Welch's two-sample t-test, for comparing two seed groups without assuming equal variances: the two-sided p-value
/// that means as far apart as these would arise from groups with one true mean.
/// </summary>
public static class WelchTest
{
    /// <summary>The two-sided p-value; null when either side has fewer than two values (no variance to judge by).</summary>
    public static double? PValue(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        if (a.Count < 2 || b.Count < 2)
        {
            return null;
        }

        var (meanA, varianceA) = MeanAndVariance(a);
        var (meanB, varianceB) = MeanAndVariance(b);
        var errorA = varianceA / a.Count;
        var errorB = varianceB / b.Count;
        if (errorA + errorB == 0)
        {
            // Both groups are constant: equal means are certainly equal, different ones certainly differ.
            return meanA == meanB ? 1.0 : 0.0;
        }

        var t = (meanA - meanB) / Math.Sqrt(errorA + errorB);
        var freedom = (errorA + errorB) * (errorA + errorB) /
            ((errorA * errorA / (a.Count - 1)) + (errorB * errorB / (b.Count - 1)));
        return 2 * (1 - StudentT.CDF(0, 1, freedom, Math.Abs(t)));
    }

    private static (double Mean, double Variance) MeanAndVariance(IReadOnlyList<double> values)
    {
        var mean = MetricSummary.Sum(values) / values.Count;
        return (mean, MetricSummary.SumOfSquaredDeviations(values, mean) / (values.Count - 1));
    }
}
