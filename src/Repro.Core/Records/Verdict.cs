using System.Text.Json.Serialization;

namespace Repro.Records;

/// <summary>How a reproduction compares with the run it reproduced; stored in the reproduction's run.json.</summary>
/// <param name="Status"><see cref="Reproduced"/> or <see cref="Diverged"/>.</param>
/// <param name="ModelIdentical">Every artifact has the recorded path and content (a ZIP file: the same entries).</param>
/// <param name="ChangedArtifacts">Artifacts that differ, are missing, or are new.</param>
public sealed record Verdict(
    string Status,
    IReadOnlyList<MetricCheck> Metrics,
    IReadOnlyList<InputCheck> Inputs,
    bool ModelIdentical,
    IReadOnlyList<string> ChangedArtifacts)
{
    /// <summary>ZIP artifacts whose bytes differ while their entries, names and contents, are the same.</summary>
    public IReadOnlyList<string> SameEntries { get; init; } = [];

    /// <summary>For each changed ZIP artifact, the entries that differ.</summary>
    public SortedDictionary<string, IReadOnlyList<string>>? ChangedEntries { get; init; }

    public const string Reproduced = "reproduced";
    public const string Diverged = "diverged";
}

/// <summary>One metric: recorded and reproduced values, their distance and the tolerance it was held to.</summary>
public sealed record MetricCheck(string Name, double Recorded, double? Reproduced, double? Difference, string Tolerance, bool Ok);

/// <summary>One input of the run, as recorded and as it is now.</summary>
public sealed record InputCheck(string Input, string? Recorded, string? Current, bool Changed)
{
    /// <summary>What changed within the input: the program's files, a data file's rows and columns; null when there is nothing to add.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Detail { get; init; }
}
