using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Repro.Diagnostics;

namespace Repro.Tasks;

/// <summary>Forwards Repro's log to MSBuild, with the project file as the location of every warning and error (an item's own line where it is known).</summary>
internal sealed class MsBuildRunLog(TaskLoggingHelper log, string projectFile) : IRunLog
{
    public void Progress(string message) => log.LogMessage(MessageImportance.High, message);

    public void Detail(string message) => log.LogMessage(MessageImportance.Normal, message);

    public void Warning(string code, string message) =>
        log.LogWarning(null, code, null, projectFile, 0, 0, 0, 0, message);

    public void Error(string code, string message) =>
        log.LogError(null, code, null, projectFile, 0, 0, 0, 0, message);

    /// <summary>An error about one element: "file(line,column): error CODE: message".</summary>
    public void ErrorAt(Experiments.ItemLocation at, string code, string message) =>
        log.LogError(null, code, null, at.File, at.Line, at.Column, 0, 0, message);
}
