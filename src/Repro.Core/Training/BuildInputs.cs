using Repro.Diagnostics;
using Repro.Fingerprints;
using Repro.Records;

namespace Repro.Training;

/// <summary>
/// The stamps every run of one build shares, read once before the first run: the lock file and the program (every
/// file it loads from its output folder). In strict mode this is where a build without a clean commit or a lock file
/// stops, for Train and Reproduce alike.
/// </summary>
public sealed record BuildInputs(LockFileRecord? LockFile, ProgramRecord Program)
{
    /// <param name="hashes">Where the program's files are hashed: through the build's hash cache, so the tens of megabytes an
    /// ML.NET program loads are not read at every build; null to read them.</param>
    public static BuildInputs Read(TrainSettings settings, HashCache? hashes = null)
    {
        StrictMode.RequireKnownCleanTree(settings);
        LockFileRecord? lockFile = null;
        if (File.Exists(settings.LockFile))
        {
            lockFile = new LockFileRecord(Relative(settings, settings.LockFile), InputFile.Read(settings.LockFile, FileHash.Sha256NormalizedLineEndings));
        }
        else if (settings.Strict)
        {
            throw new ReproException(ErrorCode.StrictNoLockFile,
                $"strict mode (CI) needs a lock file, and there is none at '{Relative(settings, settings.LockFile)}': " +
                "restore with <RestorePackagesWithLockFile>true</RestorePackagesWithLockFile> and commit packages.lock.json.");
        }
        else
        {
            settings.Log.Warning(ErrorCode.NoLockFile,
                $"no lock file at '{Relative(settings, settings.LockFile)}', so runs cannot prove which package versions they used: " +
                "set <RestorePackagesWithLockFile>true</RestorePackagesWithLockFile> and commit packages.lock.json.");
        }

        if (!File.Exists(settings.ProgramPath))
        {
            throw new ReproException(ErrorCode.ProgramNotFound,
                $"the experiment program '{settings.ProgramPath}' was not built: check that the project builds with 'dotnet build'.");
        }

        var files = ProgramIdentity.Files(settings.ProgramPath, hashes is null ? null : hashes.Sha256);
        var program = new ProgramRecord(Relative(settings, settings.ProgramPath), ProgramIdentity.Digest(files), settings.TargetFramework) { Files = files };
        return new BuildInputs(lockFile, program);
    }

    private static string Relative(TrainSettings settings, string path) =>
        Path.GetRelativePath(settings.ProjectDirectory, path).Replace('\\', '/');
}
