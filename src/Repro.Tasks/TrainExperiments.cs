using Microsoft.Build.Framework;
using Repro.Records;
using Repro.Training;

namespace Repro.Tasks;

/// <summary>Runs every selected experiment that is not up to date with the built program and records each run.</summary>
public sealed class TrainExperiments : ExperimentsTask, ICancelableTask
{
    private readonly CancellationTokenSource _cancel = new();

    /// <summary>-p:Force=true: run every experiment, up to date or not.</summary>
    public bool Force { get; set; }

    /// <summary>One item per run, made now or up to date: the RunId, with Experiment, Status, Folder and UpToDate metadata.</summary>
    [Output]
    public ITaskItem[] Runs { get; private set; } = [];

    public void Cancel() => _cancel.Cancel();

    private protected override void ExecuteCore()
    {
        var plans = Plan();
        if (plans.Count == 0)
        {
            return;
        }

        var settings = Settings();
        var outcomes = new Trainer(settings).Train(plans, _cancel.Token, Force);
        if (outcomes.Count > 0)
        {
            RunLog.Progress(RunSummary.Render(outcomes, settings.ProjectFile));
        }

        Runs = outcomes.Select(o => (ITaskItem)new Microsoft.Build.Utilities.TaskItem(o.Record.RunId, new Dictionary<string, string>
        {
            ["Experiment"] = o.Record.Experiment,
            ["Status"] = o.Record.Status,
            ["Folder"] = o.Folder,
            ["UpToDate"] = o.UpToDate ? "true" : "false",
        })).ToArray();
    }
}
