using Repro.Diagnostics;
using Repro.Runs;
using Repro.SourceControl;

namespace Repro.Training;

/// <summary>Everything a Train build knows besides the runs themselves: the project, its program and the stamps.</summary>
/// <param name="ProjectFile">The project file, full path.</param>
/// <param name="ProgramPath">The built experiment assembly.</param>
/// <param name="DotnetHost">The dotnet executable that runs it.</param>
/// <param name="LockFile">packages.lock.json (or the project's NuGetLockFilePath), full path.</param>
/// <param name="Git">Read once, before any run writes anything.</param>
/// <param name="SdkVersion">$(NETCoreSdkVersion)</param>
/// <param name="TargetFramework">$(TargetFramework)</param>
/// <param name="Strict">The CI gate: an unknown or dirty tree and a missing lock file are errors, not warnings.</param>
/// <param name="HashCacheFile">Where data hashes are remembered between builds (obj/repro/hashes.json), or null to hash every time.</param>
public sealed record TrainSettings(
    string ProjectFile,
    RunStore Store,
    string ProgramPath,
    string DotnetHost,
    string LockFile,
    GitStamp Git,
    string? SdkVersion,
    string? TargetFramework,
    IRunLog Log,
    bool Strict = false,
    string? HashCacheFile = null)
{
    public string ProjectDirectory => Path.GetDirectoryName(ProjectFile)!;
}
