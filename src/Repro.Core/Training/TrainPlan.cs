using Repro.Experiments;
using Repro.Groups;
using Repro.Runs;
using Repro.Sharding;
using Repro.SourceControl;

namespace Repro.Training;

/// <summary>
/// What one Train will do, decided before its first run starts: the runs it makes (with -p:Shard, its slice), each
/// prepared with its group's id, and for each what the run cache says (null when forced).
/// </summary>
/// <param name="Planned">Every run the experiments plan, over all shards: a sharded group counts its members from it.</param>
/// <param name="Groups">Each group's id, by its plan.</param>
public sealed record TrainPlan(
    IReadOnlyList<RunPlan> Planned,
    IReadOnlyList<PreparedRun> Runs,
    IReadOnlyList<RunCacheAnswer?> Cache,
    IReadOnlyDictionary<GroupPlan, string> Groups,
    Shard? Shard,
    DateTimeOffset StartedAt)
{
    /// <summary>How long preparing the runs took (the program, lock file and data hashed) and reading the run cache: -v:d shows both.</summary>
    public (long PreparedMs, long CacheReadMs) Timings { get; private init; }

    /// <summary>The planning's own timings, as a detailed build prints them.</summary>
    public string DescribeTimings() =>
        $"program, lock file and data hashed once in {Timings.PreparedMs} ms, run cache read in {Timings.CacheReadMs} ms";

    public static TrainPlan Make(IReadOnlyList<RunPlan> planned, TrainSettings settings, RunPreparation preparation, Shard? shard, bool force)
    {
        var selected = shard is null ? planned : shard.Select(planned);
        var startedAt = DateTimeOffset.UtcNow;
        var groups = GroupIds(planned, selected, settings, shard, startedAt);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // Every run is prepared before any starts: the hash cache and the runtime probe are then never used by two runs at once.
        var runs = selected.Select(plan => plan.Group is { } group
            ? preparation.Prepare(plan, groups[group], shard is null ? null : ShardedGroupPlan.Of(group, shard))
            : preparation.Prepare(plan)).ToArray();
        var prepared = clock.ElapsedMilliseconds;
        var cache = force ? new RunCacheAnswer?[runs.Length] : RunCache.Find(settings.Store, runs.Select(r => r.Key).ToArray(), settings.Log).ToArray<RunCacheAnswer?>();
        return new TrainPlan(planned, runs, cache, groups, shard, startedAt) { Timings = (prepared, clock.ElapsedMilliseconds - prepared) };
    }

    /// <summary>How many runs the group plans in all (every shard's), for a sharded group that only some of them are here.</summary>
    public int Members(GroupPlan group) => Planned.Count(p => p.Group == group);

    /// <summary>
    /// Each group's id, known before its first run is written. Without a shard a new id, which no other group of this
    /// build or the store has (ids of one millisecond differ only in six random hex digits); with one, an id every
    /// shard derives alike from the commit and the whole plan.
    /// </summary>
    private static Dictionary<GroupPlan, string> GroupIds(IReadOnlyList<RunPlan> planned, IReadOnlyList<RunPlan> selected, TrainSettings settings, Shard? shard,
        DateTimeOffset startedAt)
    {
        var committedAt = shard is null ? null : GitProbe.CommitTime(settings.Git);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        string NewId()
        {
            string id;
            do
            {
                id = RunId.New(startedAt);
            }
            while (!taken.Add(id) || settings.Store.FindGroup(id) is not null);
            return id;
        }

        return selected.Select(p => p.Group).OfType<GroupPlan>().Distinct().ToDictionary(g => g, g => shard is null
            ? NewId()
            : ShardedGroupId.For(g, planned.Where(p => p.Group == g), shard.Count, settings.Git, committedAt));
    }
}
