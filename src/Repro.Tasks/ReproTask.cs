using Microsoft.Build.Framework;
using Repro.Diagnostics;

namespace Repro.Tasks;

/// <summary>
/// Base of Repro's tasks: expected failures become coded errors at the project file, never an exception thrown at
/// MSBuild (which would surface as the opaque MSB4018), and success means no error was logged.
/// </summary>
public abstract class ReproTask : Microsoft.Build.Utilities.Task
{
    [Required]
    public string ProjectFile { get; set; } = "";

    private protected IRunLog RunLog => new MsBuildRunLog(Log, ProjectFile);

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
            // Reading inputs is checked before a run starts; what fails here is writing the run's record.
            RunLog.Error(ErrorCode.RunStoreUnwritable, $"a run could not be recorded: {e.Message}");
        }

        return !Log.HasLoggedErrors;
    }

    private protected abstract void ExecuteCore();
}
