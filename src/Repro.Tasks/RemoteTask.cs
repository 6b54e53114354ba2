using Microsoft.Build.Framework;
using Repro.Remotes;

namespace Repro.Tasks;

/// <summary>The verbs that move runs to and from $(ReproRemote): cancelable, since a large transfer takes a while.</summary>
public abstract class RemoteTask : ReproTask, ICancelableTask
{
    private readonly CancellationTokenSource _cancel = new();

    /// <summary>-p:RunId: one run or group; empty for all.</summary>
    public string? RunId { get; set; }

    public void Cancel() => _cancel.Cancel();

    private protected abstract string Verb { get; }

    private protected abstract void Move(IRemoteStore remote, string? runOrGroupId, CancellationToken cancellation);

    private protected sealed override void ExecuteCore()
    {
        using var remote = RemoteStores.Required(Settings.Remote, Settings.ProjectDirectory, Verb);
        using var signals = CancellationSignals.Cancel(_cancel);
        Move(remote, string.IsNullOrWhiteSpace(RunId) ? null : RunId.Trim(), _cancel.Token);
    }
}
