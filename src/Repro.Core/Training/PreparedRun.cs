using Repro.Experiments;
using Repro.Fingerprints;
using Repro.Profiles;
using Repro.Runs;
using Repro.Sharding;

namespace Repro.Training;

/// <summary>
/// A run made ready before any run starts, and never changed after: its plan, the hashes of its data, its cache key,
/// and the group it belongs to. Everything a run needs that costs I/O is here, so runs made at once share nothing
/// mutable.
/// </summary>
/// <param name="Profiles">The profiles of the data files that are delimited text, by path, as <see cref="Data"/> lists them.</param>
/// <param name="GroupId">The id of the group the run is a member of, or null for a run on its own.</param>
/// <param name="GroupPlan">For a member of a group trained in shards, the group's plan its record carries.</param>
public sealed record PreparedRun(RunPlan Plan, IReadOnlyList<FileFingerprint> Data, IReadOnlyList<DataProfile> Profiles, RunCacheKey Key, string? GroupId = null, ShardedGroupPlan? GroupPlan = null)
{
    /// <summary>The SHA-256 of <see cref="Key"/>.</summary>
    public string CacheKey { get; } = Key.Sha256();

    public string Experiment => Plan.Experiment;

    /// <summary>For a group's member: its seed and grid point, as the summary names it ("seed 2 Trees=50"); null for a run on its own.</summary>
    public string? Member => Plan.Group is null ? null : $"seed {Plan.Seed}{(Plan.Point.Count == 0 ? "" : " " + ParamsOverride.Format(Plan.Point))}";
}
