using Microsoft.Build.Framework;
using Repro.Diagnostics;
using Repro.Remotes;

namespace Repro.Tasks;

/// <summary>The verbs that move runs to and from $(ReproRemote): cancelable, since a large transfer takes a while.</summary>
public abstract class RemoteTask : RegistryTask, ICancelableTask
{
    private readonly CancellationTokenSource _cancel = new();

    /// <summary>$(ReproRemoteParallel): transfers at once.</summary>
    public int Parallel { get; set; } = 4;

    public void Cancel() => _cancel.Cancel();

    private protected abstract string Verb { get; }

    private protected abstract void Move(IRemoteStore remote, string? runOrGroupId, CancellationToken cancellation);

    private protected sealed override void ExecuteCore()
    {
        using var remote = RemoteStores.Required(Remote, ProjectDirectory, Verb);
        using var signals = CancellationSignals.Cancel(_cancel);
        try
        {
            Move(remote, string.IsNullOrWhiteSpace(RunId) ? null : RunId.Trim(), _cancel.Token);
        }
        catch (OperationCanceledException) when (_cancel.IsCancellationRequested)
        {
            throw new ReproException(ErrorCode.Cancelled,
                $"{Verb} was cancelled. Nothing half-moved is visible: a {Verb} again moves only what is still missing.");
        }
    }
}
