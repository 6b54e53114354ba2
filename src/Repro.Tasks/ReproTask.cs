using Microsoft.Build.Framework;
using Repro.Diagnostics;
using Repro.Registry;
using Repro.Remotes;
using Repro.Runs;
using Repro.Verbs;

namespace Repro.Tasks;

/// <summary>
/// Base of Repro's verb tasks. Each takes the project as one item (<c>@(_ReproProject)</c>: the project file and where
/// its records are) and the few properties of its own verb. Expected failures become coded errors at the project file,
/// never an exception thrown at MSBuild (which would surface as the opaque MSB4018), and success means no error was logged.
/// </summary>
public abstract class ReproTask : Microsoft.Build.Utilities.Task
{
    private ProjectSettings? _settings;

    /// <summary>@(_ReproProject): the project file, with RunsDirectory, RegistryDirectory, Remote and RemoteParallel metadata.</summary>
    [Required]
    public ITaskItem Project { get; set; } = null!;

    private protected ProjectSettings Settings => _settings ??= TaskItems.Project(Project);

    private protected RunStore Store => Settings.Store;

    private protected ModelRegistry Registry => Settings.Registry;

    private protected IRunLog RunLog => new MsBuildRunLog(Log, Settings.ProjectFile);

    /// <summary>A verb's result, in the "Project -> what" shape the terminal logger shows at its default verbosity.</summary>
    private protected void Report(string text) => RunLog.Progress($"{Settings.ProjectName} -> {text}");

    /// <summary>The remote $(ReproRemote) names, opened with the environment's credentials; null when none is set.</summary>
    private protected IRemoteStore? OpenRemote() => RemoteStores.Open(Settings.Remote, Settings.ProjectDirectory);

    /// <summary>Where a verb that needs artifacts gets the ones not in a run folder; null without a remote.</summary>
    private protected ArtifactFetch? Fetch(IRemoteStore? remote) => remote is null ? null : RemoteArtifacts.Fetcher(remote, RunLog);

    public sealed override bool Execute()
    {
        try
        {
            ExecuteCore();
        }
        catch (ReproException e)
        {
            RunLog.Error(e.Code, e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Inputs are read through InputFile (REPRO0035); what fails here is writing a record, a registry file or the project file.
            RunLog.Error(ErrorCode.RunStoreUnwritable, $"Repro could not write what it had to ({e.Message}): check the folder's permissions and free space.");
        }

        return !Log.HasLoggedErrors;
    }

    private protected abstract void ExecuteCore();
}
