namespace Repro.Experiments;

/// <summary>One run to make: an experiment with its command-line overrides applied and every value checked.</summary>
/// <param name="Threads">The processor count the program is started with, or null for the machine's own.</param>
public sealed record RunPlan(
    string Experiment,
    long Seed,
    double? TestSize,
    SortedDictionary<string, string> Params,
    IReadOnlyList<string> Data,
    IReadOnlyList<Override> Overrides,
    Reproduction.ToleranceSpec Tolerance,
    Threads.ThreadSettings? Threads = null)
{
    /// <summary>The group this run belongs to (Seeds, Sweep), or null for a run on its own.</summary>
    public Groups.GroupPlan? Group { get; init; }

    /// <summary>The swept parameters of this run's grid point; empty outside a sweep.</summary>
    public SortedDictionary<string, string> Point { get; init; } = new(StringComparer.Ordinal);
}
