namespace Repro.Reproduction;

/// <summary>What the user asked of one Reproduce build.</summary>
/// <param name="RunId">-p:RunId</param>
/// <param name="Tolerance">-p:Tolerance, replacing the tolerances recorded with the run; null to use those.</param>
/// <param name="Exact">-p:ReproExact: a model that is not bit-identical is an error.</param>
/// <param name="AtCommit">-p:ReproduceAt=commit: build the code of the recorded commit instead of today's.</param>
/// <param name="Configuration">$(Configuration), for the build at the recorded commit.</param>
public sealed record ReproduceRequest(string? RunId, string? Tolerance, bool Exact, bool AtCommit, string Configuration)
{
    /// <summary>Pulls a recorded run's artifacts from the remote, when one is set: an exact reproduction compares them byte for byte.</summary>
    public Remotes.ArtifactFetch? Fetch { get; init; }

    /// <summary>Reads -p:ReproduceAt: empty for today's code, or "commit".</summary>
    public static bool ParseAt(string? value) => (value ?? "").Trim().ToLowerInvariant() switch
    {
        "" => false,
        "commit" => true,
        _ => throw new Diagnostics.ReproException(Diagnostics.ErrorCode.BadReproduceAt,
            $"-p:ReproduceAt={value} is not known: leave it out to reproduce with today's code, or use -p:ReproduceAt=commit."),
    };
}
