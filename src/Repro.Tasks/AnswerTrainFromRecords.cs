using Microsoft.Build.Framework;
using Repro.Diagnostics;
using Repro.Training;

namespace Repro.Tasks;

/// <summary>
/// -t:Train's first step, in the build's own process: when every planned run and group is up to date, Train's answer
/// comes from the records (<see cref="Trainer.FromRecords"/>) and no task host is started for <see cref="TrainExperiments"/>.
/// Otherwise it says nothing, even of an error: <see cref="TrainExperiments"/> plans again and reports what it finds.
/// Only the process `dotnet build` started answers (<see cref="Probes.BuildProcess"/>).
/// </summary>
public sealed class AnswerTrainFromRecords : TrainTask
{
    /// <summary>True when Train is answered: every run was up to date, and its summary, page and items are done.</summary>
    [Output]
    public bool Answered { get; private set; }

    private protected override void ExecuteCore()
    {
        // Elsewhere the cache key could take a processor count or instruction sets an earlier build started the node with.
        if (Force || !Probes.BuildProcess.StartedForThisBuild())
        {
            return;
        }

        var held = new HeldRunLog();
        try
        {
            var plans = Plan(quiet: true);
            if (plans.Count == 0 || Slice is not null)
            {
                return;
            }

            var settings = TrainSettings(held);
            if (new Trainer(settings).FromRecords(plans, out var why) is { } result)
            {
                held.Release(RunLog);
                Show(result, settings);
                Answered = true;
            }
            else
            {
                RunLog.Detail($"Train is not answered from the records ({why}): its task makes the runs");
            }
        }
        catch (Exception e) when (e is ReproException or IOException or UnauthorizedAccessException)
        {
            // Train itself meets the same problem and reports it, as it does without this step.
        }
    }
}
