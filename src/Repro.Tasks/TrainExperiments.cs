using Repro.Diagnostics;
using Repro.Training;

namespace Repro.Tasks;

/// <summary>-t:Train: runs every selected experiment that is not up to date with the built program and records each run.</summary>
public sealed class TrainExperiments : TrainTask, Microsoft.Build.Framework.ICancelableTask
{
    private readonly CancellationTokenSource _cancel = new();

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

        var settings = TrainSettings(RunLog);
        TrainResult result;
        using (CancellationSignals.Cancel(_cancel))
        {
            result = new Trainer(settings).Train(plans, _cancel.Token, Force, ParallelLimit, StopOnFirstFailure, Slice);
        }

        Show(result, settings);
        if (RunSummary.Failures(result, StopOnFirstFailure) is { } failures)
        {
            RunLog.Progress(failures);
        }

        if (_cancel.IsCancellationRequested)
        {
            RunLog.Error(ErrorCode.Cancelled, RunSummary.Cancelled(result));
        }
    }
}
