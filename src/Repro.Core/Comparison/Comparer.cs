using System.Globalization;
using Repro.Groups;
using Repro.Reproduction;

namespace Repro.Comparison;

/// <summary>Compares two sides: parameters, inputs (as Reproduce checks them) and metrics side by side.</summary>
public static class Comparer
{
    /// <param name="rows">The row fingerprints of a data file by its SHA-256 (<see cref="Runs.RunStore.Rows"/>), to name the rows that changed.</param>
    public static ComparisonResult Compare(ComparisonSide a, ComparisonSide b, Func<string, Profiles.RowFingerprints?>? rows = null)
    {
        var metrics = a.Metrics.Union(b.Metrics).Order(StringComparer.Ordinal).Select(name =>
        {
            var valuesA = a.Values(name);
            var valuesB = b.Values(name);
            return new MetricComparison(
                name,
                valuesA is null ? null : MetricSummary.Of(name, valuesA),
                valuesB is null ? null : MetricSummary.Of(name, valuesB),
                valuesA is null || valuesB is null ? null : WelchTest.PValue(valuesA, valuesB),
                MetricGoal.LowerIsBetter(name, Declared(name, b, a)));
        }).ToArray();
        return new ComparisonResult(a, b, Parameters(a, b), RunComparison.Inputs(a.Representative, b.Representative, rows), metrics);
    }

    /// <summary>
    /// The experiment, the seed and test size (for two single runs: a group's seeds differ run by run) and every
    /// parameter, where the two sides differ. A sweep's parameters are those of the grid point compared.
    /// </summary>
    private static IReadOnlyList<ParameterDifference> Parameters(ComparisonSide a, ComparisonSide b)
    {
        var differences = new List<ParameterDifference>();
        void Add(string name, string? valueA, string? valueB)
        {
            if (!string.Equals(valueA, valueB, StringComparison.Ordinal))
            {
                differences.Add(new ParameterDifference(name, valueA, valueB));
            }
        }

        var runA = a.Representative;
        var runB = b.Representative;
        Add("experiment", runA.Experiment, runB.Experiment);
        if (!a.IsGroup && !b.IsGroup)
        {
            Add("seed", runA.Seed.ToString(CultureInfo.InvariantCulture), runB.Seed.ToString(CultureInfo.InvariantCulture));
        }

        Add("test size", runA.TestSize?.ToString("R", CultureInfo.InvariantCulture), runB.TestSize?.ToString("R", CultureInfo.InvariantCulture));
        foreach (var name in runA.Params.Keys.Union(runB.Params.Keys).Order(StringComparer.Ordinal))
        {
            Add(name, runA.Params.GetValueOrDefault(name), runB.Params.GetValueOrDefault(name));
        }

        return differences;
    }

    /// <summary>The direction a group declared for the metric it is ranked by (the baseline's first), or null to go by the name.</summary>
    private static string? Declared(string metric, params ComparisonSide[] sides) => sides
        .Select(side => side.Group)
        .OfType<GroupRecord>()
        .Where(group => group.RankedBy == metric)
        .Select(group => group.LowerIsBetter ? "minimize" : "maximize")
        .FirstOrDefault();
}
