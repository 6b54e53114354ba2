using Repro.Experiments;
using Repro.Records;
using Repro.Training;

namespace Repro.Groups;

/// <summary>A group a Train recorded, or found on record with exactly these members.</summary>
public sealed record GroupOutcome(GroupRecord Record, string Folder, bool UpToDate = false);

/// <summary>
/// Records a group once its runs are done: members in plan order, statistics per grid point, the best run. When every
/// member was up to date and a group on record has exactly these members, that group is the answer and nothing is written.
/// </summary>
public static class GroupRecorder
{
    public static GroupOutcome Record(
        TrainSettings settings, GroupPlan plan, string groupId, DateTimeOffset startedAt, IReadOnlyList<(RunPlan Plan, RunOutcome Outcome)> runs)
    {
        var members = runs.Select(r => new GroupMember(
            r.Outcome.Record.RunId, r.Plan.Seed, r.Plan.Point, r.Outcome.Record.Status, r.Outcome.Record.Metrics, r.Outcome.UpToDate)).ToArray();
        var store = new GroupStore(settings.Store);
        if (members.All(m => m.UpToDate) && Existing(store, members) is { } existing)
        {
            settings.Log.Progress($"up to date: group {existing.GroupId} of {plan.Experiment}");
            return new GroupOutcome(existing, store.Find(existing.GroupId)!, UpToDate: true);
        }

        var command = ReproduceCommand.ForGroup(plan, runs[0].Plan.Overrides, settings.ProjectFile);
        var git = new GitRecord(settings.Git.Commit, settings.Git.Dirty, settings.Git.Branch, settings.Git.UnknownReason);
        return Write(store, settings.Log, settings.ProjectFile, plan, groupId, startedAt, git, command, members,
            FirstLogged(runs.Select(r => (r.Outcome.Record, r.Outcome.Folder))));
    }

    /// <summary>
    /// A sharded Train's group whose members all fell to its shard. Its id is derived from the commit and the plan, so it
    /// may be on record already: then with these very members it is up to date, and with others (the same commit's plan
    /// trained again) the new runs are not grouped again; null says so.
    /// </summary>
    internal static GroupOutcome? RecordDerived(
        TrainSettings settings, GroupPlan plan, string groupId, DateTimeOffset startedAt, IReadOnlyList<(RunPlan Plan, RunOutcome Outcome)> runs)
    {
        var store = new GroupStore(settings.Store);
        if (store.Find(groupId) is not { } folder)
        {
            return Record(settings, plan, groupId, startedAt, runs);
        }

        var existing = store.Read(groupId);
        if (existing.Members.Select(m => m.RunId).SequenceEqual(runs.Select(r => r.Outcome.Record.RunId), StringComparer.Ordinal))
        {
            settings.Log.Progress($"up to date: group {groupId} of {plan.Experiment}");
            return new GroupOutcome(existing, folder, UpToDate: true);
        }

        settings.Log.Progress($"group {groupId} of {plan.Experiment} is on record with other members: this commit's plan was trained before, " +
            "so the new runs are not grouped again.");
        return null;
    }

    /// <summary>
    /// Writes a group from its members in plan order: the statistics per grid point, the ranking, the best run, the
    /// report and plots. Train calls it with the runs it made; <see cref="Sharding.GroupCompletion"/> with runs shards made.
    /// </summary>
    /// <param name="firstLogged">The metric the group is ranked by when the plan names none.</param>
    internal static GroupOutcome Write(
        GroupStore store, Diagnostics.IRunLog log, string projectFile, GroupPlan plan, string groupId, DateTimeOffset startedAt, GitRecord git, string command,
        IReadOnlyList<GroupMember> members, string? firstLogged)
    {
        var points = GroupStatistics.Points(members);
        var rankedBy = plan.SweepMetric ?? firstLogged;
        var lowerIsBetter = rankedBy is not null && MetricGoal.LowerIsBetter(rankedBy, plan.SweepGoal);
        var record = new GroupRecord
        {
            GroupId = groupId,
            Experiment = plan.Experiment,
            Seeds = plan.Seeds,
            Sweep = plan.Sweep,
            Members = members,
            Points = points,
            RankedBy = rankedBy,
            LowerIsBetter = lowerIsBetter,
            BestRun = rankedBy is null ? null : BestRun(members, rankedBy, lowerIsBetter),
            BestPoint = rankedBy is null || plan.Sweep.Count == 0 ? null : BestPoint(points, rankedBy, lowerIsBetter),
            Git = git,
            StartedAt = startedAt,
            Command = command,
        };
        if (rankedBy is not null && plan.SweepMetric is not null && !members.Any(m => m.Metrics.ContainsKey(rankedBy)))
        {
            log.Warning(Diagnostics.ErrorCode.SweepMetricMissing,
                $"SweepMetric=\"{rankedBy}\" of experiment '{plan.Experiment}' is a metric no run logged: the grid is not ranked.");
        }

        var folder = store.Write(record, (written, partial) => GroupReport.Write(written, partial,
            ReproduceCommand.ForReproduce(projectFile, "-p:RunId=" + written.GroupId)));
        return new GroupOutcome(store.Read(groupId), folder);
    }

    /// <summary>The metric the first completed member logged first (its runtime.json says), else its first by name.</summary>
    /// <param name="runs">The members' records and folders, in plan order.</param>
    internal static string? FirstLogged(IEnumerable<(RunRecord Record, string Folder)> runs)
    {
        var first = runs.FirstOrDefault(r => r.Record.Status == RunStatus.Completed);
        if (first.Record is null)
        {
            return null;
        }

        var logged = RecordJson.ReadRuntimeStamp(Path.Combine(first.Folder, RunFiles.Runtime))?.LoggedMetrics ?? [];
        return logged.FirstOrDefault(first.Record.Metrics.ContainsKey) ?? first.Record.Metrics.Keys.FirstOrDefault();
    }

    /// <summary>The best completed member by the metric; ties go to the first in plan order.</summary>
    internal static string? BestRun(IReadOnlyList<GroupMember> members, string metric, bool lowerIsBetter)
    {
        GroupMember? best = null;
        foreach (var member in members.Where(m => m.Status == RunStatus.Completed && m.Metrics.ContainsKey(metric)))
        {
            if (best is null || Better(member.Metrics[metric], best.Metrics[metric], lowerIsBetter))
            {
                best = member;
            }
        }

        return best?.RunId;
    }

    internal static int? BestPoint(IReadOnlyList<GridPoint> points, string metric, bool lowerIsBetter)
    {
        int? best = null;
        for (var i = 0; i < points.Count; i++)
        {
            if (points[i].Statistics.TryGetValue(metric, out var summary)
                && (best is null || Better(summary.Mean, points[best.Value].Statistics[metric].Mean, lowerIsBetter)))
            {
                best = i;
            }
        }

        return best;
    }

    private static bool Better(double value, double than, bool lowerIsBetter) => lowerIsBetter ? value < than : value > than;

    /// <summary>The newest group on record with exactly these members, in this order.</summary>
    private static GroupRecord? Existing(GroupStore store, IReadOnlyList<GroupMember> members)
    {
        foreach (var id in store.Ids())
        {
            GroupRecord record;
            try
            {
                record = store.Read(id);
            }
            catch (Diagnostics.ReproException)
            {
                continue;
            }

            if (record.Members.Select(m => m.RunId).SequenceEqual(members.Select(m => m.RunId), StringComparer.Ordinal))
            {
                return record;
            }
        }

        return null;
    }
}
