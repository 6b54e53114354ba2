namespace Repro.Experiments;

/// <summary>What the command line says for one build: which experiments, and values that replace the project's.</summary>
/// <param name="Experiments">-p:Experiment, names separated by spaces or semicolons; empty for all.</param>
/// <param name="Seed">-p:Seed</param>
/// <param name="TestSize">-p:TestSize</param>
/// <param name="Params">-p:Params, for example "MaxDepth=3 Trees=50".</param>
public sealed record CommandLineOverrides(string? Experiments, string? Seed, string? TestSize, string? Params)
{
    /// <summary>-p:Seeds: one run per seed, as one group.</summary>
    public string? Seeds { get; init; }

    /// <summary>-p:Sweep: one run per grid point (and seed), as one group.</summary>
    public string? Sweep { get; init; }

    public static readonly CommandLineOverrides None = new(null, null, null, null);
}
