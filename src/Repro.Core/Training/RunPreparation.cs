using Repro.Experiments;
using Repro.Fingerprints;
using Repro.Probes;
using Repro.Runs;
using Repro.Sharding;
using Repro.Threads;

namespace Repro.Training;

/// <summary>
/// What one build knows once and every run shares: the stamps of the program and the lock file, the runtime the host
/// will pick, and the data hashes (each list of files hashed once, through the hash cache). It prepares runs; it is
/// used before runs start, never while they run.
/// </summary>
public sealed class RunPreparation(TrainSettings settings)
{
    private readonly Dictionary<string, IReadOnlyList<FileFingerprint>> _data = new(StringComparer.Ordinal);
    private BuildInputs? _inputs;
    private HashCache? _hashes;
    private string? _runtime;

    /// <summary>The lock file and the program, read once; in strict mode, where a dirty tree or a missing lock file stops the build.</summary>
    public BuildInputs Inputs => _inputs ??= BuildInputs.Read(settings);

    public PreparedRun Prepare(RunPlan plan, string? groupId = null, ShardedGroupPlan? groupPlan = null)
    {
        var inputs = Inputs; // first: strict mode stops the build before any data is read
        var data = Data(plan.Data);
        return new PreparedRun(plan, data, Key(plan, inputs, data), groupId, groupPlan);
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

    /// <summary>Hashes each data list once per build, through the hash cache when the build names one.</summary>
    private IReadOnlyList<FileFingerprint> Data(IReadOnlyList<string> paths)
    {
        var key = string.Join(";", paths);
        if (!_data.TryGetValue(key, out var fingerprints))
        {
            if (settings.HashCacheFile is { } cacheFile)
            {
                _hashes ??= HashCache.Open(cacheFile, settings.Log);
            }

            fingerprints = FileFingerprint.Of(settings.ProjectDirectory, paths, _hashes is null ? null : _hashes.Sha256);
            _hashes?.Save();
            _data[key] = fingerprints;
        }

        return fingerprints;
    }
}
