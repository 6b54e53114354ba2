using Repro.Runs;
using Repro.Records;
using System.Globalization;
using System.Text;
using Repro.Groups;
using Repro.Reproduction;

namespace Repro.Comparison;

/// <summary>The comparison as a person reads it: the two sides, the parameters and inputs that differ, the metric table.</summary>
public static class ComparisonReport
{
    public static string Render(ComparisonResult comparison)
    {
        var text = new StringBuilder();
        text.Append("Compare A: ").Append(comparison.A.Label).Append('\n');
        text.Append("   with B: ").Append(comparison.B.Label).Append('\n');
        foreach (var (side, problem) in comparison.A.Problems.Select(p => ("A", p)).Concat(comparison.B.Problems.Select(p => ("B", p))))
        {
            text.Append("  ! ").Append(side).Append(": ").Append(problem).Append('\n');
        }

        if (comparison.Parameters.Count == 0)
        {
            text.Append("Parameters: the same\n");
        }
        else
        {
            text.Append("Parameters that differ:\n");
            Table(text, comparison.Parameters.Select(p => new[] { p.Name, p.A ?? "(none)", p.B ?? "(none)" }).Prepend(["", "A", "B"]));
        }

        var changed = comparison.ChangedInputs.ToArray();
        if (changed.Length == 0)
        {
            text.Append("Inputs: the same (").AppendJoin(", ", comparison.Inputs.Select(i => i.Input)).Append(")\n");
        }
        else
        {
            text.Append("Inputs that differ:\n");
            Table(text, changed.Select(i => new[] { i.Input, Cell(i, i.Recorded), Cell(i, i.Current) + (i.Detail is { } files ? " — " + files : "") })
                .Prepend(["", "A", "B"]));
            text.Append("  ").Append(comparison.Inputs.Count - changed.Length).Append(" other inputs the same\n");
        }

        text.Append("Metrics:\n");
        var rows = comparison.OfGroups
            ? comparison.Metrics.Select(m => new[] { m.Name, Summary(m.A), Summary(m.B), Difference(m), Judgement(m), m.PValue is { } p ? Number(p, "G3") : "—" })
                .Prepend(["", "A mean ± sd (n)", "B mean ± sd (n)", "A − B", "", "p (Welch)"])
            : comparison.Metrics.Select(m => new[] { m.Name, Value(m.A), Value(m.B), Difference(m), Judgement(m) })
                .Prepend(["", "A", "B", "A − B", ""]);
        Table(text, rows);
        return text.ToString().TrimEnd('\n');
    }

    private static void Table(StringBuilder text, IEnumerable<string[]> rows)
    {
        var all = rows.ToArray();
        var widths = Enumerable.Range(0, all[0].Length).Select(c => all.Max(row => row[c].Length)).ToArray();
        foreach (var row in all)
        {
            text.Append(("  " + string.Join("  ", row.Select((cell, c) => cell.PadRight(widths[c])))).TrimEnd()).Append('\n');
        }
    }

    /// <summary>Which way A differs from B for this metric, read by its direction.</summary>
    private static string Judgement(MetricComparison metric) => metric.Regression switch
    {
        null => "",
        > 0 => "worse" + Direction(metric),
        < 0 => "better" + Direction(metric),
        _ => "same",
    };

    private static string Direction(MetricComparison metric) => metric.LowerIsBetter ? " (lower is better)" : "";

    private static string Difference(MetricComparison metric) =>
        metric.Difference is { } d ? (d > 0 ? "+" : "") + Number(d, "G6") : "—";

    private static string Value(MetricSummary? summary) => summary is null ? "missing" : Number(summary.Mean, "R");

    private static string Summary(MetricSummary? summary) => summary switch
    {
        null => "missing",
        { StandardDeviation: { } sd } => $"{Number(summary.Mean, "G6")} ± {Number(sd, "G3")} ({summary.Count})",
        _ => $"{Number(summary.Mean, "G6")} ({summary.Count})",
    };

    // Hashes and commits are long: their first twelve digits tell them apart.
    private static string Cell(InputCheck input, string? value) =>
        input.Input == "commit" || input.Recorded is { Length: 64 } || input.Current is { Length: 64 }
            ? Shown.Digest(value)
            : value ?? "none";

    private static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
