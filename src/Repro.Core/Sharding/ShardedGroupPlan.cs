using Repro.Groups;

namespace Repro.Sharding;

/// <summary>
/// What a run trained by one shard carries of its group (run.json's <c>groupPlan</c>), so the group can be recorded
/// wherever all its members meet: on the machine that pulls them together, not the one that trained the run.
/// </summary>
/// <param name="Shard">The slice that trained the run, "2/4".</param>
/// <param name="Members">How many runs the group plans: every seed at every grid point.</param>
public sealed record ShardedGroupPlan(string Shard, int Members, IReadOnlyList<long> Seeds, IReadOnlyList<SweepAxis> Sweep, string? SweepMetric, string? SweepGoal)
{
    public static ShardedGroupPlan Of(GroupPlan plan, Shard shard) => new(
        shard.ToString(), plan.Seeds.Count * plan.Sweep.Aggregate(1, (product, axis) => product * axis.Values.Count),
        plan.Seeds, plan.Sweep, plan.SweepMetric, plan.SweepGoal);

    public GroupPlan For(string experiment) => new(experiment, Seeds, Sweep, SweepMetric, SweepGoal);
}

/// <summary>
/// A member that was up to date when a shard planned it: its run was trained earlier (in another group, or none), so
/// its run.json cannot say it belongs to this group. This small file in its run folder says so instead.
/// </summary>
public sealed record GroupMemberNote(string GroupId, string RunId, ShardedGroupPlan Plan)
{
    public const string Prefix = "member-of-";

    /// <summary><c>member-of-&lt;GroupId&gt;.json</c> in the member's run folder.</summary>
    public static string FileName(string groupId) => Prefix + groupId + ".json";
}
