using System.Text.Json;
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
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            RunLog.Error(ErrorCode.RunStoreUnwritable, e.Message);
        }

        return !Log.HasLoggedErrors;
    }

    private protected abstract void ExecuteCore();
}
