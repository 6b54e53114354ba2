namespace Repro.Registry;

/// <summary>One registered version: <c>registry/&lt;model&gt;/versions/&lt;n&gt;.json</c>. Written once, never changed.</summary>
/// <param name="RunPath">The run folder, relative to the project folder, with '/'.</param>
public sealed record ModelVersion(
    string Model,
    int Version,
    string RunId,
    string Experiment,
    string RunPath,
    SortedDictionary<string, double> Metrics,
    string? Commit,
    bool? Dirty,
    DateTimeOffset RegisteredAt)
{
    /// <summary>For a version registered from a group: the group id; <see cref="RunId"/> is the member whose model it is.</summary>
    public string? Group { get; init; }

    /// <summary>For a version registered from a group: each metric over the seeds of the member's grid point.</summary>
    public SortedDictionary<string, Groups.MetricSummary>? GroupMetrics { get; init; }

    /// <summary>
    /// The model file the version serves: its path in the run folder, SHA-256 and size, as the run recorded it. Null in
    /// versions registered before it was kept; an application then finds it by the same rule (<see cref="Serving.ModelArtifact"/>).
    /// </summary>
    public Fingerprints.FileFingerprint? Artifact { get; init; }

    /// <summary>Who registered it: the git user of the repository ("Ada Lovelace &lt;ada@example.com&gt;"), else the login name; null before it was kept.</summary>
    public string? RegisteredBy { get; init; }
}

/// <summary>An alias and every version it has pointed at: <c>registry/&lt;model&gt;/aliases/&lt;alias&gt;.json</c>.</summary>
/// <param name="History">Oldest first; the last entry is where the alias points now.</param>
public sealed record ModelAlias(string Model, string Alias, int Version, IReadOnlyList<AliasMove> History);

/// <summary>One move of an alias, appended and never rewritten.</summary>
/// <param name="Version">Where it points from then on.</param>
public sealed record AliasMove(int Version, DateTimeOffset At)
{
    /// <summary>Where it pointed before: null for its first move (and in moves recorded before this was kept).</summary>
    public int? From { get; init; }

    /// <summary>Who moved it: the git user, else the login name; null before it was kept.</summary>
    public string? By { get; init; }
}
