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
/// <param name="AssetsFile">Restore's project.assets.json, full path: whether the program runs ML.NET (<see cref="Threads.MLNetUse"/>).</param>
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
    string? HashCacheFile = null,
    string? AssetsFile = null)
{
    public string ProjectDirectory => Path.GetDirectoryName(ProjectFile)!;

    /// <summary>
    /// The settings of one build, with the git state read once, before any run writes anything: the run store and the
    /// registry are left out of the dirty check, and a dirty tree's changes are kept as a patch (strict mode refuses
    /// a dirty tree before anything runs, so it makes none).
    /// </summary>
    /// <param name="sourceRevisionId">$(SourceRevisionId), when the SDK's own git reader set it.</param>
    public static TrainSettings For(Verbs.ProjectSettings project, ProgramInputs program, string? sourceRevisionId, IRunLog log)
    {
        var directory = project.ProjectDirectory;
        var store = project.Store;
        string[] excluded = [store.Directory, project.Registry.Directory];
        var git = GitProbe.Read(directory, excluded, sourceRevisionId);
        if (git.UnknownReason is { } reason && !program.Strict)
        {
            log.Warning(ErrorCode.GitStateUnknown,
                $"the runs cannot record which code they ran, because {reason}: they are stamped with an unknown commit and dirty state.");
        }

        if (!program.Strict)
        {
            git = SourcePatch.Attach(git, excluded, SourcePatch.ParseMaxBytes(program.MaxPatchBytes), log);
        }

        string? Full(string? path) => string.IsNullOrEmpty(path) ? null : Path.GetFullPath(Path.Combine(directory, path));
        return new TrainSettings(project.ProjectFile, store, Full(program.ProgramPath)!, string.IsNullOrEmpty(program.DotnetHost) ? "dotnet" : program.DotnetHost,
            Full(program.LockFile)!, git, program.SdkVersion, program.TargetFramework, log, program.Strict, Full(program.HashCacheFile), Full(program.AssetsFile));
    }
}
