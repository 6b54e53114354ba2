using Repro.Diagnostics;
using Repro.Experiments;
using Repro.Groups;
using Repro.Records;
using Repro.Runs;
using Repro.Sharding;

namespace Repro.Training;

/// <summary>A finished run: its record and its final folder.</summary>
/// <param name="UpToDate">Nothing ran: a completed run on record has the same cache key, and this is it.</param>
public sealed record RunOutcome(RunRecord Record, string Folder, bool UpToDate = false)
{
    /// <summary>For a group's member: its seed and grid point, as the summary names it ("seed 2 Trees=50").</summary>
    public string? Member { get; init; }
}

/// <summary>What a Train made: every run in plan order, and the groups its plans formed.</summary>
public sealed record TrainResult(IReadOnlyList<RunOutcome> Runs, IReadOnlyList<GroupOutcome> Groups)
{
    /// <summary>Runs that failed before a record could be written (the run store could not be written), in plan order.</summary>
    public IReadOnlyList<RunFailure> NotRecorded { get; init; } = [];

    /// <summary>Plans never started: the build was cancelled, or stopped at the first failure.</summary>
    public int NotStarted { get; init; }

    /// <summary>With -p:Shard, the groups whose other members other shards train: recorded once they all meet (-t:Pull).</summary>
    public IReadOnlyList<PendingGroup> Pending { get; init; } = [];
}

/// <param name="Here">The members this shard trained or found up to date.</param>
/// <param name="Planned">Every member the group plans, over all shards.</param>
public sealed record PendingGroup(string GroupId, string Experiment, int Here, int Planned);

/// <summary>A run that failed with no record to show for it: its experiment, member and the error.</summary>
public sealed record RunFailure(string Experiment, string? Member, string Code, string Message);

/// <summary>
/// Train: plans what to make (<see cref="TrainPlan"/>), answers the runs that are up to date from the record, makes
/// the rest (<see cref="RunScheduler"/>, <see cref="RunMaker"/>), then records the groups they form
/// (<see cref="GroupAssembly"/>). One experiment's failure is its own: later runs still start unless told to stop at
/// the first failure; a cancelled build starts no further run and records no group.
/// </summary>
public sealed class Trainer(TrainSettings settings)
{
    private readonly TrainSettings settings = settings with { Log = SynchronizedRunLog.Wrap(settings.Log) };

    /// <summary>
    /// Work for this process while programs run, such as compiling the code that follows them: started on another
    /// thread with the first run made, and finished before the runs' groups are recorded. Never started when every run
    /// is up to date.
    /// </summary>
    public Action? WhileRunning { get; init; }

    /// <param name="shard">-p:Shard: make only this slice of <paramref name="plans"/>; its groups get ids every shard derives alike,
    /// and its runs carry their group's plan, so each group is recorded where all its members meet.</param>
    public TrainResult Train(IReadOnlyList<RunPlan> plans, CancellationToken cancellation = default, bool force = false, int maxParallelRuns = 1,
        bool stopOnFirstFailure = false, Shard? shard = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var preparation = new RunPreparation(settings);
        var plan = TrainPlan.Make(plans, settings, preparation, shard, force);
        // Once per build, whatever the number of runs: the program's and lock file's hashes, the data's, the run cache.
        settings.Log.Detail($"planned {plan.Runs.Count} run(s) in {clock.ElapsedMilliseconds} ms: {plan.DescribeTimings()}");
        if (shard is not null)
        {
            settings.Log.Progress(shard.Describe(plan.Runs.Count, plans.Count));
        }

        var outcomes = new RunOutcome?[plan.Runs.Count];
        var pending = new List<int>();
        for (var i = 0; i < plan.Runs.Count; i++)
        {
            var run = plan.Runs[i];
            if (OnRecord(plan, i) is { } outcome)
            {
                settings.Log.Progress(UpToDate(run, outcome));
                outcomes[i] = outcome;
                if (run is { GroupId: { } groupId, GroupPlan: { } groupPlan })
                {
                    GroupMemberNotes.Note(outcome.Record, outcome.Folder, groupId, groupPlan);
                }
            }
            else
            {
                pending.Add(i);
            }
        }

        var maker = new RunMaker(settings, preparation.Inputs);
        var beside = pending.Count > 0 && WhileRunning is { } work ? Task.Run(() => Timed(work)) : null;
        var started = plan.Runs.Count - pending.Count;
        var scheduled = new RunScheduler(settings.Log, maxParallelRuns, stopOnFirstFailure).Run(pending.Select(i => plan.Runs[i]).ToArray(), p =>
        {
            var run = plan.Runs[pending[p]];
            var position = plan.Runs.Count > 1 ? $"[{Interlocked.Increment(ref started)}/{plan.Runs.Count}] " : "";
            settings.Log.Progress($"{position}Training {run.Experiment} with seed {run.Plan.Seed}{Point(run.Plan)}…{Changes(run, plan.Cache[pending[p]]?.Latest)}");
            return maker.Make(run, cancellation);
        }, cancellation);
        if (beside is not null)
        {
            var waited = System.Diagnostics.Stopwatch.StartNew();
            var took = beside.GetAwaiter().GetResult();
            settings.Log.Detail($"work beside the runs took {took} ms; waited for it {waited.ElapsedMilliseconds} ms");
        }

        var notRecorded = new RunFailure?[plan.Runs.Count];
        for (var p = 0; p < pending.Count; p++)
        {
            outcomes[pending[p]] = scheduled.Outcomes[p];
            notRecorded[pending[p]] = scheduled.NotRecorded[p];
        }

        var runs = outcomes.OfType<RunOutcome>().ToArray();
        var failures = notRecorded.OfType<RunFailure>().ToArray();
        if (cancellation.IsCancellationRequested || scheduled.NotStarted > 0)
        {
            // A group is recorded only when every member ran.
            return new TrainResult(runs, []) { NotRecorded = failures, NotStarted = scheduled.NotStarted };
        }

        clock.Restart();
        var (groups, pendingGroups) = GroupAssembly.Record(settings, plan, outcomes);
        if (groups.Count > 0)
        {
            settings.Log.Detail($"recorded {groups.Count} group(s) in {clock.ElapsedMilliseconds} ms: statistics, report and plots");
        }

        return new TrainResult(runs, groups) { NotRecorded = failures, Pending = pendingGroups };
    }

    private static long Timed(Action work)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        work();
        return clock.ElapsedMilliseconds;
    }

    private static RunOutcome? OnRecord(TrainPlan plan, int i) => plan.Cache[i] is { Hit: { } hit, HitFolder: { } folder }
        ? new RunOutcome(hit, folder, UpToDate: true) { Member = plan.Runs[i].Member }
        : null;

    private static string UpToDate(PreparedRun run, RunOutcome outcome) =>
        $"up to date: {run.Experiment}{(run.Member is { } member ? " " + member : "")} (run {outcome.Record.RunId})";

    private static string Point(RunPlan plan) => plan.Point.Count == 0 ? "" : $" ({ParamsOverride.Format(plan.Point)})";

    private static string Changes(PreparedRun run, RunRecord? latest)
    {
        if (latest?.CacheInputs is not { } earlier)
        {
            return "";
        }

        var changes = run.Key.ChangesSince(earlier);
        return changes.Count == 0 ? "" : $" ({string.Join(", ", changes)} changed since run {latest.RunId})";
    }
}
