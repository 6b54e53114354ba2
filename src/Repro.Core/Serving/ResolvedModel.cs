using Repro.Registry;

namespace Repro.Serving;

/// <summary>
/// A registered version resolved to the one file it serves: the reference as written, the version it named, the run
/// behind it and the model file of that run, with the hash the run recorded.
/// </summary>
/// <param name="Reference">As written: iris-classifier@production.</param>
/// <param name="Alias">The alias the reference went through, or null for a number or a hash.</param>
/// <param name="Artifact">The model file's path in the run folder: artifacts/model.zip.</param>
public sealed record ResolvedModel(
    string Reference,
    string Name,
    string? Alias,
    int Version,
    string RunId,
    string Artifact,
    string Sha256,
    long Bytes,
    SortedDictionary<string, double> Metrics,
    DateTimeOffset RegisteredAt)
{
    /// <summary>The versioned form every build resolves the same: iris-classifier@3.</summary>
    public ModelReference Pinned => new(Name, Version.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>"iris-classifier@production (v3, run 20261124-…, sha256 3f9a1c…)".</summary>
    public override string ToString() =>
        $"{Reference} (v{Version}, run {RunId}, sha256 {Sha256[..Math.Min(12, Sha256.Length)]}…)";
}
