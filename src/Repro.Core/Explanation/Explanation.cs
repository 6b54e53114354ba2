using Repro.Records;
using Repro.Training;

namespace Repro.Explanation;

/// <summary>
/// Why B's metrics differ from A's: each input change with what it alone does, the baseline (A re-run here), and what
/// is left for the changes' interaction and for those that could not be applied.
/// </summary>
/// <param name="Metrics">The metrics both runs have, in ordinal order.</param>
/// <param name="Baseline">A re-run here as recorded (or found up to date); null when it did not complete.</param>
/// <param name="Applied">Each change in <paramref name="Changes"/>'s order, applied alone or with why not; empty when nothing was re-run.</param>
public sealed record Explanation(RunRecord A, RunRecord B, IReadOnlyList<string> Metrics, IReadOnlyList<InputChange> Changes, RunOutcome? Baseline, IReadOnlyList<AppliedChange> Applied)
{
    /// <summary>Why nothing was re-run (the metrics are equal, or no input changed), or null.</summary>
    public string? Note { get; init; }

    /// <summary>Why the baseline has no metrics, when it has none.</summary>
    public string? BaselineMissing { get; init; }

    public double? Effect(AppliedChange change, string metric) => Baseline is null ? null : Attribution.Effect(change, Baseline.Record.Metrics, metric);

    public double? Interaction(string metric) => Baseline is null ? null : Attribution.Interaction(B.Metrics, Baseline.Record.Metrics, Applied, metric);
}
