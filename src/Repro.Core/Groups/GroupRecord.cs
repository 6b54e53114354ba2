using Repro.Records;

namespace Repro.Groups;

/// <summary>
/// The contents of <c>group.json</c>: the runs one Train made of an experiment over several seeds, a parameter grid,
/// or both, and what they say together. Later tools rely on these names; fields may be added, never renamed.
/// </summary>
public sealed record GroupRecord
{
    public int SchemaVersion { get; init; } = 1;

    /// <summary>The group's id, in the format of a run id.</summary>
    public required string GroupId { get; init; }

    public required string Experiment { get; init; }

    /// <summary>The seeds of every grid point, in the order they ran.</summary>
    public required IReadOnlyList<long> Seeds { get; init; }

    /// <summary>The swept parameters and their values, in the order declared; empty for a seed group.</summary>
    public required IReadOnlyList<SweepAxis> Sweep { get; init; }

    /// <summary>Every member, in plan order: grid point by grid point, seed by seed.</summary>
    public required IReadOnlyList<GroupMember> Members { get; init; }

    /// <summary>One entry per grid point (a single one for a seed group), with each metric summarised over its seeds.</summary>
    public required IReadOnlyList<GridPoint> Points { get; init; }

    /// <summary>The metric the grid is ranked by, and whether lower is better.</summary>
    public string? RankedBy { get; init; }

    public bool LowerIsBetter { get; init; }

    /// <summary>The best completed member by <see cref="RankedBy"/>; ties go to the first in plan order.</summary>
    public string? BestRun { get; init; }

    /// <summary>The index in <see cref="Points"/> of the grid point with the best mean; null for a seed group.</summary>
    public int? BestPoint { get; init; }

    public required GitRecord Git { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>The command that trains the group again.</summary>
    public required string Command { get; init; }

    /// <summary>The group's plots (folder <c>plots/</c> of the group), hashed like a run's artifacts.</summary>
    public IReadOnlyList<Fingerprints.FileFingerprint> Plots { get; init; } = [];

    public bool IsSweep => Sweep.Count > 0;

    /// <summary>Members whose runs completed, in plan order.</summary>
    public IEnumerable<GroupMember> Completed => Members.Where(m => m.Status == RunStatus.Completed);
}

/// <param name="Values">The values as written, in the order declared.</param>
public sealed record SweepAxis(string Name, IReadOnlyList<string> Values);

/// <param name="Point">The swept parameters of this member's grid point; empty for a seed group.</param>
/// <param name="UpToDate">The run was on record already (the run cache) and was not trained again.</param>
public sealed record GroupMember(string RunId, long Seed, SortedDictionary<string, string> Point, string Status, SortedDictionary<string, double> Metrics, bool UpToDate = false);

/// <param name="Params">The swept parameters of the point.</param>
/// <param name="Runs">Its members' run ids, seed by seed.</param>
/// <param name="Statistics">Each metric every completed member logged, over those members.</param>
public sealed record GridPoint(SortedDictionary<string, string> Params, IReadOnlyList<string> Runs, SortedDictionary<string, MetricSummary> Statistics);
