using Repro.Records;
using Repro.Groups;
using Repro.Reproduction;

namespace Repro.Comparison;

/// <summary>Two sides set against each other: what differs in how they were made, and what they measured.</summary>
/// <param name="Parameters">Only the parameters that differ, in report order.</param>
/// <param name="Inputs">Every input check of the representative runs (A as recorded, B as current); the changed ones differ.</param>
/// <param name="Metrics">Every metric either side logged, by name.</param>
public sealed record ComparisonResult(
    ComparisonSide A,
    ComparisonSide B,
    IReadOnlyList<ParameterDifference> Parameters,
    IReadOnlyList<InputCheck> Inputs,
    IReadOnlyList<MetricComparison> Metrics)
{
    /// <summary>Either side is a group: metrics are compared as samples (mean ± sd), with Welch's test.</summary>
    public bool OfGroups => A.IsGroup || B.IsGroup;

    public IEnumerable<InputCheck> ChangedInputs => Inputs.Where(i => i.Changed);

    public MetricComparison? Metric(string name) => Metrics.FirstOrDefault(m => m.Name == name);
}

/// <param name="A">The value on side A; null when A does not have it.</param>
public sealed record ParameterDifference(string Name, string? A, string? B);

/// <summary>One metric on both sides; a single run is a sample of one.</summary>
/// <param name="A">A's values summarised; null when A did not log the metric.</param>
/// <param name="PValue">Welch's two-sided p-value; null unless both sides have at least two values.</param>
public sealed record MetricComparison(string Name, MetricSummary? A, MetricSummary? B, double? PValue, bool LowerIsBetter)
{
    /// <summary>A's mean minus B's; null when a side lacks the metric.</summary>
    public double? Difference => A is not null && B is not null ? A.Mean - B.Mean : null;

    /// <summary>How much worse A is than B (positive when worse), by <see cref="MetricGoal.Regression"/>.</summary>
    public double? Regression => A is not null && B is not null ? MetricGoal.Regression(A.Mean, B.Mean, LowerIsBetter) : null;
}
