using System.Globalization;
using System.Text;

namespace Repro.Explanation;

/// <summary>
/// An explanation as a person reads it: the metric change, a table of what each input change alone does to each
/// metric and what is left for their interaction, one line per metric, and the changes that could not be applied.
/// </summary>
public static partial class ExplanationReport
{
    public static string Render(GroupExplanation explanation) =>
        explanation.IsGroup ? RenderGroups(explanation) : Render(explanation.Pairs[0] with { Note = explanation.Note });

    public static string Render(Explanation explanation)
    {
        var (a, b) = (explanation.A, explanation.B);
        var text = new StringBuilder();
        text.Append($"Why run {b.RunId} differs from run {a.RunId} ({a.Experiment}):\n");
        foreach (var metric in explanation.Metrics)
        {
            text.Append($"  {metric} {Number(a.Metrics[metric])} → {Number(b.Metrics[metric])} ({Signed(b.Metrics[metric] - a.Metrics[metric])})\n");
        }

        if (explanation.Note is { } note)
        {
            return text.Append(note).ToString();
        }

        if (explanation.Baseline is not { } baseline)
        {
            return text.Append($"A re-run as recorded has no metrics ({explanation.BaselineMissing}), so no change can be measured against it.").ToString();
        }

        var attributable = explanation.Applied.Where(c => c.Metrics is not null).ToArray();
        // The metrics that moved, between A and B or under one change; the others are named in one line.
        var shown = explanation.Metrics.Where(m => !a.Metrics[m].Equals(b.Metrics[m]) || attributable.Any(c => explanation.Effect(c, m) is not (0 or null))).ToArray();
        var unchanged = shown.Length == 0 ? [] : explanation.Metrics.Except(shown).ToArray();
        explanation = explanation with { Metrics = shown.Length > 0 ? shown : explanation.Metrics };
        text.Append($"Each change applied alone to A ({attributable.Length} of {explanation.Changes.Count}; each a run, against A re-run here as run {baseline.Record.RunId}{Cached(baseline.UpToDate)}):\n");
        var rows = new List<string[]> { explanation.Metrics.Prepend("change").Append("run").ToArray() };
        foreach (var change in attributable)
        {
            rows.Add(explanation.Metrics.Select(m => explanation.Effect(change, m) is { } effect ? Signed(effect) : "—")
                .Prepend(change.Change.Label).Append(change.RunId + Cached(change.UpToDate)).ToArray());
        }

        var notApplied = explanation.Applied.Where(c => c.Metrics is null).ToArray();
        rows.Add(explanation.Metrics.Select(m => explanation.Interaction(m) is { } left ? Signed(left) : "—")
            .Prepend(notApplied.Length == 0 ? "interaction" : "interaction and changes not applied").Append("").ToArray());
        var drift = explanation.Metrics.Select(m => baseline.Record.Metrics.TryGetValue(m, out var v) ? v - a.Metrics[m] : (double?)null).ToArray();
        if (drift.Any(d => d is not 0))
        {
            rows.Add(drift.Select(d => d is { } value ? Signed(value) : "—").Prepend("A re-run here minus A as recorded").Append("").ToArray());
        }

        Table(text, rows);
        foreach (var metric in explanation.Metrics)
        {
            var parts = attributable.Select(c => $"{c.Change.Label}: {Signed(explanation.Effect(c, metric))}")
                .Append($"{(notApplied.Length == 0 ? "interaction" : "interaction and changes not applied")}: {Signed(explanation.Interaction(metric))}");
            text.Append($"{metric}: ").AppendJoin("; ", parts).Append('\n');
        }

        if (unchanged.Length > 0)
        {
            text.Append($"Unchanged under every change: {string.Join(", ", unchanged)}.\n");
        }

        if (notApplied.Length > 0)
        {
            text.Append("Not attributable:\n");
            foreach (var change in notApplied)
            {
                text.Append($"  {change.Change.Label}: {change.Missing}.\n");
            }
        }

        return text.ToString().TrimEnd('\n');
    }

    internal static void Table(StringBuilder text, List<string[]> rows)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(row => row[c].Length)).ToArray();
        foreach (var row in rows)
        {
            text.Append("  ").AppendJoin("  ", row.Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).Append('\n');
        }
    }

    internal static string Cached(bool upToDate) => upToDate ? " (up to date)" : "";

    /// <summary>A change with its sign, to four significant digits; zero is "0", so "no effect" reads at once.</summary>
    public static string Signed(double? value) => value switch
    {
        null => "—",
        0 => "0",
        > 0 => "+" + value.Value.ToString("G4", CultureInfo.InvariantCulture),
        _ => "−" + (-value.Value).ToString("G4", CultureInfo.InvariantCulture),
    };

    internal static string Number(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
