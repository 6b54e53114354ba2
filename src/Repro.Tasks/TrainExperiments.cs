using Microsoft.Build.Framework;
using Repro.Diagnostics;
using Repro.Groups;
using Repro.Records;
using Repro.Training;

namespace Repro.Tasks;

/// <summary>Runs every selected experiment that is not up to date with the built program and records each run.</summary>
public sealed class TrainExperiments : ExperimentsTask, ICancelableTask
{
    private readonly CancellationTokenSource _cancel = new();

    /// <summary>-p:Force=true: run every experiment, up to date or not.</summary>
    public bool Force { get; set; }

    /// <summary>One item per run, made now or up to date: the RunId, with Experiment, Status, Folder, UpToDate and Group metadata.</summary>
    [Output]
    public ITaskItem[] Runs { get; private set; } = [];

    /// <summary>One item per group the runs formed: the GroupId, with Experiment, Folder, Best and UpToDate metadata.</summary>
    [Output]
    public ITaskItem[] Groups { get; private set; } = [];

    /// <summary>-p:StopOnFirstFailure=true: start no further run once one has failed.</summary>
    public bool StopOnFirstFailure { get; set; }

    public void Cancel() => _cancel.Cancel();

    private protected override void ExecuteCore()
    {
        var plans = Plan();
        if (plans.Count == 0)
        {
            return;
        }

        var settings = Settings();
        TrainResult result;
        using (CancellationSignals.Cancel(_cancel))
        {
            result = new Trainer(settings).Train(plans, _cancel.Token, Force, ParallelLimit, StopOnFirstFailure, Slice);
        }

        var outcomes = result.Runs;
        if (outcomes.Count > 0)
        {
            RunLog.Progress(RunSummary.Render(outcomes, settings.ProjectFile, settings.Git, settings.LockFile));
        }

        foreach (var group in result.Groups)
        {
            RunLog.Progress(GroupSummary.Render(group with { Folder = Path.GetRelativePath(ProjectDirectory, group.Folder) }));
        }

        foreach (var pending in result.Pending)
        {
            RunLog.Progress($"group {pending.GroupId} of {pending.Experiment}: {pending.Here} of {pending.Planned} members trained by shard {Slice}; " +
                "the rest are trained by other shards — Pull them (-t:Pull) and the group is recorded.");
        }

        if (RunSummary.Failures(result, StopOnFirstFailure) is { } failures)
        {
            RunLog.Progress(failures);
        }

        if (_cancel.IsCancellationRequested)
        {
            var kept = outcomes.Where(o => o.Record.Status == RunStatus.Cancelled).Select(o => o.Record.RunId).ToArray();
            RunLog.Error(ErrorCode.Cancelled, "Train was cancelled" +
                (kept.Length > 0 ? $": run {string.Join(", ", kept)} is recorded as cancelled with what it had logged" : "") +
                (result.NotStarted > 0 ? $"; {result.NotStarted} run(s) never started" : "") + ". Train again to make them.");
        }

        Runs = outcomes.Select(o => (ITaskItem)new Microsoft.Build.Utilities.TaskItem(o.Record.RunId, new Dictionary<string, string>
        {
            ["Experiment"] = o.Record.Experiment,
            ["Status"] = o.Record.Status,
            ["Folder"] = o.Folder,
            ["UpToDate"] = o.UpToDate ? "true" : "false",
            ["Group"] = o.Record.Group ?? "",
        })).ToArray();
        Groups = result.Groups.Select(g => (ITaskItem)new Microsoft.Build.Utilities.TaskItem(g.Record.GroupId, new Dictionary<string, string>
        {
            ["Experiment"] = g.Record.Experiment,
            ["Folder"] = g.Folder,
            ["Best"] = g.Record.BestRun ?? "",
            ["UpToDate"] = g.UpToDate ? "true" : "false",
        })).ToArray();
    }
}
