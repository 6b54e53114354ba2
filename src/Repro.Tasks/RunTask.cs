using Repro.Diagnostics;
using Repro.Remotes;
using Repro.Runs;
using Repro.SourceControl;
using Repro.Training;

namespace Repro.Tasks;

/// <summary>The inputs of every verb that makes runs: the run store, the built program and the stamps' sources.</summary>
public abstract class RunTask : ReproTask
{
    /// <summary>$(ReproRunsDir), relative to the project or absolute.</summary>
    public string RunsDirectory { get; set; } = "runs";

    /// <summary>$(TargetPath): the built experiment assembly.</summary>
    public string ProgramPath { get; set; } = "";

    /// <summary>The dotnet executable; the SDK's $(DOTNET_HOST_PATH).</summary>
    public string? DotnetHost { get; set; }

    /// <summary>The lock file, relative to the project or absolute.</summary>
    public string LockFile { get; set; } = "packages.lock.json";

    public string? SourceRevisionId { get; set; }

    public string? SdkVersion { get; set; }

    public string? TargetFramework { get; set; }

    /// <summary>$(ReproStrict): the CI gate.</summary>
    public bool Strict { get; set; }

    /// <summary>$(ReproRegistryDir), relative to the project or absolute: left out of the dirty check like the run store.</summary>
    public string RegistryDirectory { get; set; } = "registry";

    /// <summary>$(ReproMaxPatchBytes): the largest source.patch a run from a dirty tree keeps; empty for 10 MB.</summary>
    public string? MaxPatchBytes { get; set; }

    /// <summary>$(ReproHashCacheFile): where data hashes are remembered between builds; empty to hash every time.</summary>
    public string? HashCacheFile { get; set; }

    /// <summary>$(ReproRemote): where the team keeps artifacts (a folder, file:// or azblob://container/prefix); empty for none.</summary>
    public string? Remote { get; set; }

    private protected string ProjectDirectory => Path.GetDirectoryName(Path.GetFullPath(ProjectFile))!;

    /// <summary>The remote $(ReproRemote) names, opened with the environment's credentials; null when none is set.</summary>
    private protected IRemoteStore? OpenRemote() => RemoteStores.Open(Remote, ProjectDirectory);

    /// <summary>Where a verb that needs artifacts gets the ones not in a run folder; null without a remote (REPRO0083 then).</summary>
    private protected ArtifactFetch? Fetch(IRemoteStore? remote) => remote is null ? null : RemoteArtifacts.Fetcher(remote, RunLog);

    /// <summary>The settings of this build, with the git state read once, before any run writes anything.</summary>
    private protected TrainSettings Settings()
    {
        var store = new RunStore(Path.Combine(ProjectDirectory, RunsDirectory));
        string[] excluded = [store.Directory, Path.Combine(ProjectDirectory, RegistryDirectory)];
        var git = GitProbe.Read(ProjectDirectory, excluded, SourceRevisionId);
        if (git.UnknownReason is { } reason && !Strict)
        {
            RunLog.Warning(ErrorCode.GitStateUnknown,
                $"the runs cannot record which code they ran, because {reason}: they are stamped with an unknown commit and dirty state.");
        }

        if (!Strict)
        {
            // Strict mode refuses a dirty tree before anything runs: no patch to make.
            git = SourcePatch.Attach(git, excluded, SourcePatch.ParseMaxBytes(MaxPatchBytes), RunLog);
        }

        return new TrainSettings(
            Path.GetFullPath(ProjectFile),
            store,
            Path.GetFullPath(Path.Combine(ProjectDirectory, ProgramPath)),
            string.IsNullOrEmpty(DotnetHost) ? "dotnet" : DotnetHost,
            Path.Combine(ProjectDirectory, LockFile),
            git,
            SdkVersion,
            TargetFramework,
            RunLog,
            Strict,
            string.IsNullOrEmpty(HashCacheFile) ? null : Path.GetFullPath(Path.Combine(ProjectDirectory, HashCacheFile)));
    }
}
