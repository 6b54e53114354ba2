namespace Repro.Experiments;

/// <summary>An &lt;Experiment&gt; item as the project file writes it: a name and its metadata, verbatim.</summary>
public sealed record ExperimentSpec(string Name, IReadOnlyDictionary<string, string> Metadata)
{
    /// <summary>The metadata Repro itself reads; everything else is a parameter for the program.</summary>
    public static readonly IReadOnlySet<string> WellKnownMetadata =
        new SortedSet<string>(StringComparer.OrdinalIgnoreCase) { "Seed", "Seeds", "Sweep", "SweepMetric", "SweepGoal", "TestSize", "Data", "Tolerance", "ProcessorCount" };

    public string? Get(string name) =>
        Metadata.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
