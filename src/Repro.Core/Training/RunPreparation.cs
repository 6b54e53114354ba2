using Repro.Experiments;
using Repro.Fingerprints;
using Repro.Probes;
using Repro.Profiles;
using Repro.Runs;
using Repro.Sharding;
using Repro.Threads;

namespace Repro.Training;

/// <summary>
/// What one build knows once and every run shares: the stamps of the program and the lock file, the runtime the host
/// will pick, and the data hashes (each list of files hashed once; the program's files and the data through the hash
/// cache). It prepares runs; it is used before runs start, never while they run.
/// </summary>
public sealed class RunPreparation(TrainSettings settings)
{
    private readonly Dictionary<string, (IReadOnlyList<FileFingerprint> Files, IReadOnlyList<DataProfile> Profiles)> _data = new(StringComparer.Ordinal);
    private BuildInputs? _inputs;
    private HashCache? _hashes;
    private string? _runtime;

    /// <summary>The lock file and the program, read once; in strict mode, where a dirty tree or a missing lock file stops the build.</summary>
    public BuildInputs Inputs => _inputs ??= ReadInputs();

    // The hash cache the build names, opened once for the program's files and the data.
    private HashCache? Hashes => settings.HashCacheFile is { } cacheFile ? _hashes ??= HashCache.Open(cacheFile, settings.Log) : null;

    private BuildInputs ReadInputs()
    {
        var inputs = BuildInputs.Read(settings, Hashes);
        Hashes?.Save();
        return inputs;
    }

    public PreparedRun Prepare(RunPlan plan, string? groupId = null, ShardedGroupPlan? groupPlan = null)
    {
        var inputs = Inputs; // first: strict mode stops the build before any data is read
        var (data, profiles) = Data(plan.Data, ProfileOptions.From(plan.Params));
        return new PreparedRun(plan, data, profiles, Key(plan, inputs, data), groupId, groupPlan);
    }

    /// <summary>The run's cache key, from what is known before it runs; the program inherits the build's environment.</summary>
    private RunCacheKey Key(RunPlan plan, BuildInputs inputs, IReadOnlyList<FileFingerprint> data) => new()
    {
        Experiment = plan.Experiment,
        Seed = plan.Seed,
        TestSize = plan.TestSize,
        Params = plan.Params,
        DataPaths = plan.Data,
        Data = data,
        Program = inputs.Program.Sha256,
        LockFile = inputs.LockFile?.Sha256,
        SdkVersion = settings.SdkVersion,
        Runtime = _runtime ??= ProgramRuntime.Describe(settings.ProgramPath, settings.DotnetHost),
        Os = EnvironmentProbe.Os,
        Architecture = EnvironmentProbe.Architecture,
        ProcessorCount = plan.Threads?.ProcessorCount ?? Environment.ProcessorCount,
        OmpNumThreads = plan.Threads is { } threads ? threads.OmpNumThreads : Environment.GetEnvironmentVariable(ThreadSettings.OmpNumThreadsVariable),
        Simd = EnvironmentProbe.Simd,
        CpuModel = CpuModel.Name,
        RuntimeSettings = RuntimeSettings.ForKey(plan.Threads),
    };

    /// <summary>
    /// Hashes and profiles each data list once per build, through the hash cache when the build names one, in one read
    /// of each file; a delimited file's row fingerprints go to the run store the first time its content is seen.
    /// </summary>
    private (IReadOnlyList<FileFingerprint>, IReadOnlyList<DataProfile>) Data(IReadOnlyList<string> paths, ProfileOptions options)
    {
        var key = string.Join(";", paths) + "|" + options;
        if (_data.TryGetValue(key, out var known))
        {
            return known;
        }

        var hashes = Hashes;
        var profiled = new List<ProfiledFile>();
        var files = FileFingerprint.Of(settings.ProjectDirectory, paths, full =>
        {
            var file = hashes?.Profile(full, options) ?? Profiler.Read(full, options);
            // The hash cache is the project's, the rows the store's: a store that has not seen this content reads it again.
            if (file is { Rows: null, Profile.Format: DataFormat.Delimited } && !File.Exists(settings.Store.RowsPath(file.Sha256)))
            {
                file = Profiler.Read(full, options);
            }

            profiled.Add(file with { Profile = file.Profile with { Path = Relative(full) } });
            return file.Sha256;
        });
        hashes?.Save();
        foreach (var file in profiled)
        {
            KeepRows(file);
        }

        var profiles = profiled.Where(f => f.Profile.Format == DataFormat.Delimited).Select(f => f.Profile)
            .OrderBy(p => p.Path, StringComparer.Ordinal).ToArray();
        return _data[key] = (files, profiles);
    }

    private string Relative(string full) => Path.GetRelativePath(settings.ProjectDirectory, full).Replace('\\', '/');

    // Row fingerprints only name the rows that changed; a store that cannot take them costs that detail, not the run.
    private void KeepRows(ProfiledFile file)
    {
        var path = settings.Store.RowsPath(file.Sha256);
        if (file.Rows is null || File.Exists(path))
        {
            return;
        }

        try
        {
            file.Rows.Write(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            settings.Log.Detail($"the row fingerprints of '{file.Profile.Path}' were not kept ({e.Message}): a change to it is described without its lines.");
        }
    }
}
