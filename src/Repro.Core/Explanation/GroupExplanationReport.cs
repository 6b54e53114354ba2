using System.Text;
using Repro.Groups;

namespace Repro.Explanation;

/// <summary>An explanation of two groups: each change's mean effect over the pairs of runs, with its interval, and noise named as noise.</summary>
public static partial class ExplanationReport
{
    private static string RenderGroups(GroupExplanation explanation)
    {
        var pairs = explanation.Pairs;
        var bySeed = pairs.Count(p => p.A.Seed == p.B.Seed);
        var unpaired = explanation.A.RunIds.Count + explanation.B.RunIds.Count - 2 * pairs.Count;
        var text = new StringBuilder();
        text.Append($"Why {explanation.B.Label} differs from {explanation.A.Label}:\n");
        text.Append($"  {Pairs(pairs.Count)}, {(bySeed == pairs.Count ? "paired by seed" : $"{bySeed} paired by seed, the others in plan order")}");
        text.Append(unpaired > 0 ? $"; {unpaired} run(s) without a partner are left out.\n" : ".\n");
        foreach (var metric in explanation.Metrics)
        {
            var (a, b) = (explanation.Side(p => p.A.Metrics[metric], metric), explanation.Side(p => p.B.Metrics[metric], metric));
            text.Append($"  {metric} mean {Number(a.Mean)} → {Number(b.Mean)} ({Signed(b.Mean - a.Mean)})\n");
        }

        if (explanation.Note is { } note)
        {
            return text.Append(note).ToString();
        }

        var measured = explanation.Measured;
        if (measured.Count == 0)
        {
            return text.Append($"A's runs re-run as recorded have no metrics ({pairs[0].BaselineMissing}), so no change can be measured against them.").ToString();
        }

        var changes = explanation.Changes;
        var effects = changes.ToDictionary(c => c, c => explanation.Metrics.ToDictionary(m => m, m => explanation.Effect(c, m)));
        var attributable = changes.Where(c => explanation.Metrics.Any(m => effects[c][m] is not null)).ToArray();
        var notApplied = changes.Except(attributable).ToArray();
        var shown = explanation.Metrics.Where(m => !explanation.Side(p => p.A.Metrics[m], m).Mean.Equals(explanation.Side(p => p.B.Metrics[m], m).Mean)
            || attributable.Any(c => effects[c][m] is { Mean: not 0 })).ToArray();
        var metrics = shown.Length > 0 ? shown : explanation.Metrics;
        var runs = measured.SelectMany(p => p.Applied.Where(c => c.RunId is not null)).ToArray();
        var upToDate = runs.Count(c => c.UpToDate) + measured.Count(p => p.Baseline!.UpToDate);
        text.Append($"Each change applied alone to each run of A ({attributable.Length} of {changes.Count}; {runs.Length + measured.Count} runs, {upToDate} up to date). ");
        text.Append($"Each effect is the mean over {Pairs(measured.Count)} with its {Percent(measured)} interval; one whose interval holds 0 is within the seeds' noise:\n");
        var rows = new List<string[]> { metrics.Prepend("change").ToArray() };
        foreach (var change in attributable)
        {
            rows.Add(metrics.Select(m => effects[change][m] is { } effect ? Interval(effect) + (GroupExplanation.IsCause(effect) ? "" : " noise") : "—")
                .Prepend(Label(change)).ToArray());
        }

        var left = notApplied.Length == 0 ? "interaction" : "interaction and changes not applied";
        rows.Add(metrics.Select(m => explanation.Interaction(m) is { } rest ? Interval(rest) : "—").Prepend(left).ToArray());
        Table(text, rows);
        foreach (var metric in metrics)
        {
            var parts = attributable.Where(c => effects[c][metric] is not null)
                .Select(c => $"{Label(c)}: {(GroupExplanation.IsCause(effects[c][metric]!) ? Interval(effects[c][metric]!) : $"within noise ({Interval(effects[c][metric]!)})")}")
                .Append($"{left}: {(explanation.Interaction(metric) is { } rest ? Interval(rest) : "—")}");
            text.Append($"{metric}: ").AppendJoin("; ", parts).Append('\n');
        }

        var unchanged = shown.Length == 0 ? [] : explanation.Metrics.Except(shown).ToArray();
        if (unchanged.Length > 0)
        {
            text.Append($"Unchanged under every change: {string.Join(", ", unchanged)}.\n");
        }

        if (notApplied.Length > 0)
        {
            text.Append("Not attributable:\n");
            foreach (var change in notApplied)
            {
                var why = pairs.SelectMany(p => p.Applied).FirstOrDefault(c => c.Change.Kind == change.Kind && c.Change.Name == change.Name && c.Missing is not null)?.Missing;
                text.Append($"  {Label(change)}: {why}.\n");
            }
        }

        return text.ToString().TrimEnd('\n');
    }

    /// <summary>A seed change is each pair's own seeds, so it is named once for all pairs.</summary>
    private static string Label(InputChange change) => change.Kind == ChangeKind.Seed ? "seed (A's seeds → B's)" : change.Label;

    private static string Interval(MetricSummary effect) =>
        effect is { ConfidenceLow: { } low, ConfidenceHigh: { } high } ? $"{Signed(effect.Mean)} [{Signed(low)}, {Signed(high)}]" : Signed(effect.Mean);

    private static string Percent(IReadOnlyList<Explanation> measured) =>
        $"{MetricSummary.DefaultConfidence * 100:0}%" + (measured.Count < 2 ? " (one pair: none)" : "");

    private static string Pairs(int count) => count == 1 ? "1 pair of runs" : $"{count} pairs of runs";
}
