using Repro.Remotes;

namespace Repro.Tasks;

/// <summary>-t:Push: sends the records and artifacts of finished runs (all, or -p:RunId's run or group) to $(ReproRemote).</summary>
public sealed class PushRuns : RemoteTask
{
    private protected override string Verb => "Push";

    private protected override void Move(IRemoteStore remote, string? runOrGroupId, CancellationToken cancellation) =>
        RunPush.Push(Store, remote, runOrGroupId, RunLog, Settings.RemoteParallel, cancellation);
}
