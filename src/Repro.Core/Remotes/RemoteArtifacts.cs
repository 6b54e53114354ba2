using Repro.Diagnostics;
using Repro.Reproduction;

namespace Repro.Remotes;

/// <summary>Brings a run's missing artifacts into its folder before a verb that needs them proves the record.</summary>
public delegate void ArtifactFetch(string runFolder);

public static class RemoteArtifacts
{
    /// <summary>Pulls what a run folder lacks from <paramref name="remote"/>, each file proven against the record.</summary>
    public static ArtifactFetch Fetcher(IRemoteStore remote, IRunLog log) =>
        folder => RunPull.Artifacts(folder, RecordIntegrity.Peek(folder), remote, log);
}
