using Repro.Diagnostics;

namespace Repro.Tasks;

/// <summary>
/// Base of every Repro task: expected failures become coded errors at the project file, never an exception thrown at
/// MSBuild (which would surface as the opaque MSB4018), and success means no error was logged.
/// </summary>
public abstract class CodedTask : Microsoft.Build.Utilities.Task
{
    /// <summary>The project the errors point at.</summary>
    private protected abstract string ProjectFile { get; }

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
            // Inputs are read through InputFile (REPRO0035); what fails here is writing a record, a registry file or the project file.
            RunLog.Error(ErrorCode.RunStoreUnwritable, $"Repro could not write what it had to ({e.Message}): check the folder's permissions and free space.");
        }

        return !Log.HasLoggedErrors;
    }

    private protected abstract void ExecuteCore();
}
