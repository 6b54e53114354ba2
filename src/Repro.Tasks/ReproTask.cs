using Microsoft.Build.Framework;
using Repro.Diagnostics;
using Repro.Registry;
using Repro.Remotes;
using Repro.Runs;
using Repro.Verbs;

namespace Repro.Tasks;

/// <summary>
/// Base of Repro's verb tasks. Each takes the project as one item (<c>@(_ReproProject)</c>: the project file and where
/// its records are) and the few properties of its own verb.
/// </summary>
public abstract class ReproTask : CodedTask
{
    private ProjectSettings? _settings;

    /// <summary>@(_ReproProject): the project file, with RunsDirectory, RegistryDirectory, Remote and RemoteParallel metadata.</summary>
    [Required]
    public ITaskItem Project { get; set; } = null!;

    private protected ProjectSettings Settings => _settings ??= TaskItems.Project(Project);

    private protected RunStore Store => Settings.Store;

    private protected ModelRegistry Registry => Settings.Registry;

    private protected override string ProjectFile => Settings.ProjectFile;

    /// <summary>A verb's result, in the "Project -> what" shape the terminal logger shows at its default verbosity.</summary>
    private protected void Report(string text) => RunLog.Progress($"{Settings.ProjectName} -> {text}");

    /// <summary>The remote $(ReproRemote) names, opened with the environment's credentials; null when none is set.</summary>
    private protected IRemoteStore? OpenRemote() => RemoteStores.Open(Settings.Remote, Settings.ProjectDirectory);

    /// <summary>Where a verb that needs artifacts gets the ones not in a run folder; null without a remote.</summary>
    private protected ArtifactFetch? Fetch(IRemoteStore? remote) => remote is null ? null : RemoteArtifacts.Fetcher(remote, RunLog);

}
