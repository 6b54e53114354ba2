namespace Repro.Tasks;

/// <summary>
/// -t:Train in a task host, where the build's own process cannot: a worker node or a build server, which may have
/// started for an earlier build with other DOTNET_ settings, and this repository's sample, which builds the tasks from
/// source. A signal to the task host, or its build gone, cancels the runs (<see cref="CancellationSignals"/>).
/// </summary>
public sealed class TrainExperiments : TrainTask
{
    private protected override IDisposable CancelOnSignals(CancellationTokenSource cancellation) => CancellationSignals.Cancel(cancellation);

    private protected override void ExecuteCore() => Train();
}
