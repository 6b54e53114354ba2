using Repro.Diagnostics;
using Repro.Runs;

namespace Repro.Remotes;

/// <summary>Brings a run's missing artifacts into its folder before a verb that needs them proves the record.</summary>
public delegate void ArtifactFetch(RunStore store, string runId);

public static class RemoteArtifacts
{
    /// <summary>Pulls what a run folder lacks from <paramref name="remote"/>, each file proven against the record.</summary>
    public static ArtifactFetch Fetcher(IRemoteStore remote, IRunLog log) =>
        (store, runId) => RunPull.Artifacts(store, runId, RecordIntegrity.Peek(store.Folder(runId)), remote, log);
}
