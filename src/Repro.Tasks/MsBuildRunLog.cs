using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Repro.Diagnostics;

namespace Repro.Tasks;

/// <summary>Forwards Repro's log to MSBuild, with the project file as the location of every warning and error.</summary>
internal sealed class MsBuildRunLog(TaskLoggingHelper log, string projectFile) : IRunLog
{
    public void Progress(string message) => log.LogMessage(MessageImportance.High, message);

    public void Detail(string message) => log.LogMessage(MessageImportance.Normal, message);

    public void Warning(string code, string message) =>
        log.LogWarning(null, code, null, projectFile, 0, 0, 0, 0, message);

    public void Error(string code, string message) =>
        log.LogError(null, code, null, projectFile, 0, 0, 0, 0, message);
}
