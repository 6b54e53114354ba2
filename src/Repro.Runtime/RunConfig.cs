using System.Text.Json.Serialization;

namespace Repro;

/// <summary>The contents of <c>config.json</c>: what a run was asked to do.</summary>
public sealed record RunConfig
{
    public required string RunId { get; init; }
    public required string Experiment { get; init; }
    public required long Seed { get; init; }
    public double? TestSize { get; init; }

    /// <summary>Every parameter, verbatim as written in the project or on the command line, sorted by name.</summary>
    public required SortedDictionary<string, string> Params { get; init; }

    /// <summary>Data paths as written, relative to the project folder.</summary>
    public required IReadOnlyList<string> Data { get; init; }

    /// <summary>The values that came from the command line instead of the project file.</summary>
    public IReadOnlyList<Override> Overrides { get; init; } = [];

    /// <summary>
    /// The processor count the program was started with (DOTNET_PROCESSOR_COUNT and OMP_NUM_THREADS), or null when it
    /// ran with the machine's own.
    /// </summary>
    public int? ProcessorCount { get; init; }
}

/// <summary>One value given on the command line for a single run.</summary>
/// <param name="Name">Seed, TestSize or a parameter name.</param>
/// <param name="ProjectValue">What the project file says, or null where it says nothing.</param>
/// <param name="Value">The value the run used.</param>
public sealed record Override(string Name, string? ProjectValue, string Value);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(RunConfig))]
[JsonSerializable(typeof(SortedDictionary<string, double>))]
[JsonSerializable(typeof(RuntimeStamp))]
[JsonSerializable(typeof(ModelShape))]
internal sealed partial class RuntimeJson : JsonSerializerContext;
