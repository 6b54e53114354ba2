using Repro.Experiments;
using Repro.Training;

namespace Repro.Groups;

/// <summary>
/// Records the groups a Train's runs formed, once they have all run: a group's members in plan order, a member that
/// could not be recorded left out, and a group with no member not recorded. With -p:Shard a Train records only the
/// groups it holds every member of; the others are pending, recorded where their members meet (-t:Pull).
/// </summary>
public static class GroupAssembly
{
    /// <param name="outcomes">Each run of <paramref name="plan"/>, in its order; null where none was recorded.</param>
    public static (IReadOnlyList<GroupOutcome> Recorded, IReadOnlyList<PendingGroup> Pending) Record(
        TrainSettings settings, TrainPlan plan, IReadOnlyList<RunOutcome?> outcomes)
    {
        var recorded = new List<GroupOutcome>();
        var pending = new List<PendingGroup>();
        foreach (var group in plan.Runs.Select(r => r.Plan.Group).OfType<GroupPlan>().Distinct())
        {
            var members = plan.Runs.Select((run, i) => (run.Plan, Outcome: outcomes[i]))
                .Where(m => m.Plan.Group == group && m.Outcome is not null)
                .Select(m => (m.Plan, m.Outcome!))
                .ToArray();
            if (members.Length == 0)
            {
                continue;
            }

            var id = plan.Groups[group];
            if (plan.Shard is null)
            {
                recorded.Add(GroupRecorder.Record(settings, group, id, plan.StartedAt, members));
            }
            else if (members.Length == plan.Members(group))
            {
                if (GroupRecorder.RecordDerived(settings, group, id, plan.StartedAt, members) is { } outcome)
                {
                    recorded.Add(outcome);
                }
            }
            else
            {
                pending.Add(new PendingGroup(id, group.Experiment, members.Length, plan.Members(group)));
            }
        }

        return (recorded, pending);
    }
}
