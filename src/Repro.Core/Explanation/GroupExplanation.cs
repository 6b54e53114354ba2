using Repro.Groups;

namespace Repro.Explanation;

/// <summary>
/// Why side B's metrics differ from side A's, pair by pair (a run of A and the run of B with its seed), and for groups
/// each change judged on the mean of its effects over the pairs, with the interval of that mean: a change whose interval
/// holds zero is within the seeds' noise and is not named as a cause. Two single runs make one pair.
/// </summary>
/// <param name="Pairs">One explanation per pair, in A's order.</param>
/// <param name="Metrics">The metrics every run of both sides has, in ordinal order.</param>
public sealed record GroupExplanation(ExplainSide A, ExplainSide B, IReadOnlyList<string> Metrics, IReadOnlyList<Explanation> Pairs)
{
    /// <summary>Why nothing was re-run (the metrics are equal, or no input changed), or null.</summary>
    public string? Note { get; init; }

    public bool IsGroup => A.IsGroup || B.IsGroup;

    /// <summary>The pairs whose baseline completed: the ones effects can be measured in.</summary>
    public IReadOnlyList<Explanation> Measured => Pairs.Where(p => p.Baseline is not null).ToArray();

    /// <summary>Every change some pair has, in the order first listed; a seed change is one change whatever the seeds.</summary>
    public IReadOnlyList<InputChange> Changes =>
        Pairs.SelectMany(p => p.Changes).DistinctBy(Key).ToArray();

    /// <summary>A metric over a side's runs, in pair order.</summary>
    public MetricSummary Side(Func<Explanation, double> value, string metric) => MetricSummary.Of(metric, Pairs.Select(value).ToArray());

    /// <summary>What the change alone does to the metric, over the measured pairs (zero in a pair that lacks the change); null when some pair has no run for it.</summary>
    public MetricSummary? Effect(InputChange change, string metric)
    {
        var effects = new List<double>();
        foreach (var pair in Measured)
        {
            var applied = pair.Applied.FirstOrDefault(c => Key(c.Change) == Key(change));
            if (applied is null)
            {
                effects.Add(0);
            }
            else if (pair.Effect(applied, metric) is { } effect)
            {
                effects.Add(effect);
            }
            else
            {
                return null;
            }
        }

        return effects.Count == 0 ? null : MetricSummary.Of(metric, effects);
    }

    /// <summary>What is left for the changes' interaction (and those not applied), over the measured pairs.</summary>
    public MetricSummary? Interaction(string metric)
    {
        var left = Measured.Select(p => p.Interaction(metric)).ToArray();
        return left.Length == 0 || left.Any(l => l is null) ? null : MetricSummary.Of(metric, left.Select(l => l!.Value).ToArray());
    }

    /// <summary>An effect is a cause when its interval leaves out zero; without an interval (one pair, or no spread), when it is not zero.</summary>
    public static bool IsCause(MetricSummary effect) =>
        effect is { ConfidenceLow: { } low, ConfidenceHigh: { } high } ? low > 0 || high < 0 : effect.Mean != 0;

    private static (ChangeKind, string) Key(InputChange change) => (change.Kind, change.Name);
}
