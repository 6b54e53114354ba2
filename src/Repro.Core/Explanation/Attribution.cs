namespace Repro.Explanation;

/// <summary>One change applied alone to A: the run that applied it and its metrics, or why there is none.</summary>
/// <param name="RunId">The run made (or found up to date) with the change applied; null when not applied.</param>
/// <param name="Metrics">That run's metrics; null when it was not applied or did not complete.</param>
/// <param name="UpToDate">The run was already in the store with the same inputs, so nothing ran.</param>
public sealed record AppliedChange(InputChange Change, string? RunId, IReadOnlyDictionary<string, double>? Metrics, bool UpToDate = false)
{
    /// <summary>Why no metrics: the change could not be applied alone, or its run failed.</summary>
    public string? Missing { get; init; }
}

/// <summary>
/// The arithmetic of an explanation, per metric: what each change alone does (its run minus the baseline, A re-run
/// here) and what is left for their interaction (B minus the baseline minus every change alone). A change that could
/// not be applied falls into what is left, and the output says so.
/// </summary>
public static class Attribution
{
    /// <summary>The change's effect on a metric, or null when it has no metrics for it.</summary>
    public static double? Effect(AppliedChange change, IReadOnlyDictionary<string, double> baseline, string metric) =>
        change.Metrics is { } metrics && metrics.TryGetValue(metric, out var value) && baseline.TryGetValue(metric, out var at) ? value - at : null;

    /// <summary>B's metric minus the baseline's minus the sum of the effects that could be had; null when B or the baseline lacks the metric.</summary>
    public static double? Interaction(IReadOnlyDictionary<string, double> b, IReadOnlyDictionary<string, double> baseline, IEnumerable<AppliedChange> changes, string metric)
    {
        if (!b.TryGetValue(metric, out var total) || !baseline.TryGetValue(metric, out var at))
        {
            return null;
        }

        // Summed in the order the changes are listed, so the same runs give the same bits.
        var left = total - at;
        foreach (var change in changes)
        {
            left -= Effect(change, baseline, metric) ?? 0;
        }

        return left;
    }
}
