using System.Globalization;
using System.Text;
using Repro.Experiments;
using Repro.Fingerprints;
using Repro.Groups;
using Repro.SourceControl;

namespace Repro.Sharding;

/// <summary>
/// A sharded group's id, the same on every shard: no shard can draw a random one that the others would know. It keeps a
/// run id's shape, the commit's committer time to the second, then six hex digits of SHA-256 of the commit (and a dirty
/// tree's patch), the shard count and the group's canonical plan. Without a known commit the time is 1970-01-01.
/// </summary>
public static class ShardedGroupId
{
    /// <param name="members">Every run the group plans, in any order: all shards', not one slice's.</param>
    public static string For(GroupPlan group, IEnumerable<RunPlan> members, int shardCount, GitStamp git, DateTimeOffset? committedAt)
    {
        var text = new StringBuilder("repro-sharded-group-1\n")
            .Append(git.Commit ?? "").Append('\n')
            .Append(git.Patch?.Record.Sha256 ?? (git.Dirty == true ? "dirty" : "")).Append('\n')
            .Append(shardCount.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append(group.Experiment).Append('\n')
            .Append(group.SweepMetric ?? "").Append('\n')
            .Append(group.SweepGoal ?? "").Append('\n');
        foreach (var key in members.Select(Shard.Key).Order(StringComparer.Ordinal))
        {
            text.Append(key).Append('\n');
        }

        var time = (committedAt ?? DateTimeOffset.UnixEpoch).UtcDateTime;
        return time.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-000-" + FileHash.Sha256Bytes(Encoding.UTF8.GetBytes(text.ToString()))[..6];
    }
}
