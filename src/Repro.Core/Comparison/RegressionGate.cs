using System.Globalization;
using Repro.Diagnostics;

namespace Repro.Comparison;

/// <summary>A metric and how much worse the candidate may be on it: <c>accuracy=0.01</c>.</summary>
public sealed record RegressionMargin(string Metric, double Margin);

/// <summary>One gated metric: A (the candidate) against B (the baseline), by means for groups.</summary>
/// <param name="Regression">How much worse A is (positive when worse).</param>
public sealed record MetricRegression(string Metric, double A, double B, double Regression, double Margin, bool LowerIsBetter, bool Within);

/// <summary>
/// -p:MaxRegression: Compare as a gate. The build fails when A is worse than B by more than the margin on any named
/// metric; a regression equal to the margin passes.
/// </summary>
public static class RegressionGate
{
    // MSBuild splits -p: values at ';' and ',', so a shell-quoted "a=1;b=2" can reach the task as "a=1": spaces are accepted too.
    private static readonly char[] Separators = [';', ',', ' ', '\t', '\r', '\n'];

    /// <summary>Reads <c>accuracy=0.01;log_loss=0.05</c> (or separated by spaces): invariant numbers, 0 or more.</summary>
    public static IReadOnlyList<RegressionMargin> Parse(string? text)
    {
        var margins = new List<RegressionMargin>();
        foreach (var part in (text ?? "").Split(Separators, StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var name = equals > 0 ? part[..equals] : "";
            if (name.Length == 0 ||
                !double.TryParse(part[(equals + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var margin) ||
                !double.IsFinite(margin) || margin < 0)
            {
                throw new ReproException(ErrorCode.BadMaxRegression,
                    $"-p:MaxRegression cannot read '{part}': write metric=margin with a margin of 0 or more, such as \"accuracy=0.01 log_loss=0.05\".");
            }

            if (margins.Any(m => m.Metric == name))
            {
                throw new ReproException(ErrorCode.BadMaxRegression, $"-p:MaxRegression names '{name}' twice: give each metric one margin.");
            }

            margins.Add(new RegressionMargin(name, margin));
        }

        return margins;
    }

    /// <summary>
    /// Refuses margins that were cut short: MSBuild splits <c>-p:MaxRegression=accuracy=0.01;log_loss=0.05</c> at ';' when
    /// the shell has removed its quotes, making log_loss a property of its own, whose margin would go unchecked.
    /// </summary>
    /// <param name="globalProperties">The build's global properties: the -p: switches.</param>
    public static void RefuseSplitMargins(
        IReadOnlyList<RegressionMargin> margins, IEnumerable<KeyValuePair<string, string>> globalProperties, ComparisonResult comparison)
    {
        if (margins.Count == 0)
        {
            return;
        }

        var metrics = comparison.Metrics.Select(m => m.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var stray = globalProperties
            .Where(p => metrics.Contains(p.Key) && !margins.Any(m => string.Equals(m.Metric, p.Key, StringComparison.OrdinalIgnoreCase)))
            .Where(p => double.TryParse(p.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            .Select(p => $"{p.Key}={p.Value}")
            .ToArray();
        if (stray.Length > 0)
        {
            throw new ReproException(ErrorCode.BadMaxRegression,
                $"-p:MaxRegression names {string.Join(", ", margins.Select(m => m.Metric))}, and the build also has the propert{(stray.Length == 1 ? "y" : "ies")} " +
                $"{string.Join(", ", stray)}: MSBuild split -p:MaxRegression at ';' or ',', so that margin would go unchecked. Separate the margins " +
                "with spaces, -p:MaxRegression=\"accuracy=0.01 log_loss=0.05\", or keep the quotes for MSBuild: '-p:MaxRegression=\"accuracy=0.01;log_loss=0.05\"'.");
        }
    }

    /// <summary>Each named metric judged; a metric one side lacks is a coded error.</summary>
    public static IReadOnlyList<MetricRegression> Judge(ComparisonResult comparison, IReadOnlyList<RegressionMargin> margins) => margins.Select(margin =>
    {
        var metric = comparison.Metric(margin.Metric);
        if (metric?.A is not { } a || metric.B is not { } b)
        {
            var lacking = new List<string>();
            if (metric?.A is null)
            {
                lacking.Add($"A ({comparison.A.Reference}) has {Names(comparison.A.Metrics)}");
            }

            if (metric?.B is null)
            {
                lacking.Add($"B ({comparison.B.Reference}) has {Names(comparison.B.Metrics)}");
            }

            throw new ReproException(ErrorCode.GatedMetricMissing,
                $"-p:MaxRegression names '{margin.Metric}', which is not a metric of both sides: {string.Join("; ", lacking)}. Name metrics both sides logged.");
        }

        var regression = metric.Regression!.Value;
        var slack = 1e-12 * Math.Max(1, Math.Max(Math.Abs(a.Mean), Math.Abs(b.Mean)));
        return new MetricRegression(margin.Metric, a.Mean, b.Mean, regression, margin.Margin, metric.LowerIsBetter, regression <= margin.Margin + slack);
    }).ToArray();

    /// <summary>The line a passing gate prints; a failing gate throws REPRO0054 naming every metric beyond its margin.</summary>
    public static string Check(ComparisonResult comparison, IReadOnlyList<RegressionMargin> margins)
    {
        var judged = Judge(comparison, margins);
        var failed = judged.Where(j => !j.Within).ToArray();
        if (failed.Length > 0)
        {
            var mean = comparison.OfGroups ? "mean " : "";
            throw new ReproException(ErrorCode.Regressed,
                $"{comparison.A.Reference} is worse than {comparison.B.Reference} by more than -p:MaxRegression allows: " +
                string.Join("; ", failed.Select(f => $"{mean}{f.Metric} {Number(f.A)} against {Number(f.B)}, {Number(f.Regression)} worse " +
                    $"({(f.LowerIsBetter ? "lower" : "higher")} is better), margin {Number(f.Margin)}")) +
                ". Improve the candidate, or widen the margin if the loss is acceptable.");
        }

        return "MaxRegression: every named metric is within its margin (" +
            string.Join(", ", judged.Select(j => $"{j.Metric} {(j.Regression > 0 ? Number(j.Regression) + " worse" : "not worse")} ≤ {Number(j.Margin)}")) + ").";
    }

    private static string Names(IEnumerable<string> metrics) => metrics.Any() ? string.Join(", ", metrics) : "no metrics";

    private static string Number(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
