using Repro.Remotes;

namespace Repro.Tasks;

/// <summary>-t:Pull: brings runs trained elsewhere and the artifacts of runs on record from $(ReproRemote), each file proven.</summary>
public sealed class PullRuns : RemoteTask
{
    private protected override string Verb => "Pull";

    private protected override void Move(IRemoteStore remote, string? runOrGroupId, CancellationToken cancellation)
    {
        RunPull.Pull(Store, remote, runOrGroupId, RunLog, Settings.RemoteParallel, cancellation);
        // Shards trained a group's members on several machines: now that they are here, the group is recorded.
        Sharding.GroupCompletion.CompleteAll(Store, Settings.ProjectFile, RunLog);
    }
}
