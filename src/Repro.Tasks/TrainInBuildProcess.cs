using Microsoft.Build.Framework;

namespace Repro.Tasks;

/// <summary>
/// -t:Train in the process `dotnet build` started, which saves starting a task host (about 1 s of every Train). Only
/// there: a run's cache key takes the processor count and instruction sets from the process that plans it, and a worker
/// node or a build server may have started with an earlier build's (<see cref="Probes.BuildProcess"/>). Elsewhere it
/// does nothing and <see cref="TrainExperiments"/> trains in its task host. A SIGTERM, or the dotnet CLI ending the
/// process, still leaves each run recorded as cancelled (<see cref="CancellationSignals.InBuildProcess"/>).
/// </summary>
public sealed class TrainInBuildProcess : TrainTask
{
    /// <summary>True when this task trained; false when Train is left to <see cref="TrainExperiments"/>.</summary>
    [Output]
    public bool Trained { get; private set; }

    private protected override IDisposable CancelOnSignals(CancellationTokenSource cancellation) => CancellationSignals.InBuildProcess(cancellation);

    private protected override void ExecuteCore()
    {
        if (!Probes.BuildProcess.StartedForThisBuild())
        {
            return;
        }

        Trained = true;
        Train();
    }
}
