using System.Globalization;
using System.Text;
using Repro.Fingerprints;

namespace Repro.Runs;

/// <summary>
/// What a run's result depends on, known before it runs: the experiment's configuration, the bytes of its data,
/// program and dependencies, the toolchain, and everything Reproduce pins or compares about the machine (processor
/// count, OMP_NUM_THREADS, SIMD, CPU model, the runtime settings of <c>RuntimeSettings</c>). Train skips an experiment when a completed run recorded the same key. The commit
/// is not in it: the program's hash stands for the code, so a commit that changes only a README trains nothing.
/// </summary>
public sealed record RunCacheKey
{
    /// <summary>Raised whenever what the key holds changes, so that keys made before stop matching.</summary>
    public const int CurrentVersion = 2;

    public int Version { get; init; } = CurrentVersion;
    public required string Experiment { get; init; }
    public required long Seed { get; init; }
    public double? TestSize { get; init; }

    /// <summary>After command-line overrides.</summary>
    public required SortedDictionary<string, string> Params { get; init; }

    /// <summary>The data paths as written, which is what the program is told (order included).</summary>
    public required IReadOnlyList<string> DataPaths { get; init; }

    /// <summary>Each data file, sorted by path.</summary>
    public required IReadOnlyList<FileFingerprint> Data { get; init; }

    /// <summary>program.sha256</summary>
    public required string Program { get; init; }

    /// <summary>lockFile.sha256, or null without a lock file.</summary>
    public string? LockFile { get; init; }

    public string? SdkVersion { get; init; }

    /// <summary>The runtimes the program can run on (see <c>ProgramRuntime</c>).</summary>
    public required string Runtime { get; init; }

    public required string Os { get; init; }
    public required string Architecture { get; init; }

    /// <summary>The processor count the program will see: the pinned one, else the machine's.</summary>
    public required int ProcessorCount { get; init; }

    public string? OmpNumThreads { get; init; }
    public string? Simd { get; init; }

    /// <summary>Since version 2; null in older keys.</summary>
    public string? CpuModel { get; init; }

    /// <summary>
    /// The allowlisted runtime settings the program will be started with (see <c>RuntimeSettings</c>), but for the
    /// processor count, which <see cref="ProcessorCount"/> holds; since version 2.
    /// </summary>
    public SortedDictionary<string, string>? RuntimeSettings { get; init; }

    /// <summary>
    /// SHA-256 of every component, each written with its length, so no two keys share a text. Parameters and data
    /// files go in ordinal order, whatever order they were given in.
    /// </summary>
    public string Sha256()
    {
        var text = new StringBuilder();
        void Add(string name, string? value) =>
            text.Append(name).Append(' ').Append(value is null ? "-" : $"{value.Length}:{value}").Append('\n');

        Add("version", Number(Version));
        Add("experiment", Experiment);
        Add("seed", Number(Seed));
        Add("testSize", TestSize?.ToString("R", CultureInfo.InvariantCulture));
        foreach (var (name, value) in Params.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            Add("param", name);
            Add("value", value);
        }

        foreach (var path in DataPaths)
        {
            Add("dataPath", path);
        }

        foreach (var file in Data.OrderBy(d => d.Path, StringComparer.Ordinal))
        {
            Add("data", file.Path);
            Add("sha256", file.Sha256);
        }

        Add("program", Program);
        Add("lockFile", LockFile);
        Add("sdk", SdkVersion);
        Add("runtime", Runtime);
        Add("os", Os);
        Add("architecture", Architecture);
        Add("processorCount", Number(ProcessorCount));
        Add("ompNumThreads", OmpNumThreads);
        Add("simd", Simd);
        Add("cpuModel", CpuModel);
        foreach (var (name, value) in (RuntimeSettings ?? []).OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            Add("setting", name);
            Add("value", value);
        }

        return Fingerprints.FileHash.Sha256Bytes(Encoding.UTF8.GetBytes(text.ToString()));
    }

    /// <summary>What differs from <paramref name="earlier"/>, in words a user reads: why an experiment trains again.</summary>
    public IReadOnlyList<string> ChangesSince(RunCacheKey earlier)
    {
        var changes = new List<string>();
        void Compare(string what, string? before, string? now)
        {
            if (!string.Equals(before, now, StringComparison.Ordinal))
            {
                changes.Add(what);
            }
        }

        Compare("key version", Number(earlier.Version), Number(Version));
        Compare("experiment", earlier.Experiment, Experiment);
        Compare("seed", Number(earlier.Seed), Number(Seed));
        Compare("test size", earlier.TestSize?.ToString("R", CultureInfo.InvariantCulture), TestSize?.ToString("R", CultureInfo.InvariantCulture));
        foreach (var name in earlier.Params.Keys.Union(Params.Keys).Order(StringComparer.Ordinal))
        {
            Compare("parameter " + name, earlier.Params.GetValueOrDefault(name), Params.GetValueOrDefault(name));
        }

        Compare("data paths", string.Join(";", earlier.DataPaths), string.Join(";", DataPaths));
        var before = earlier.Data.ToDictionary(d => d.Path, d => d.Sha256, StringComparer.Ordinal);
        var now = Data.ToDictionary(d => d.Path, d => d.Sha256, StringComparer.Ordinal);
        foreach (var path in before.Keys.Union(now.Keys).Order(StringComparer.Ordinal))
        {
            Compare(path, before.GetValueOrDefault(path), now.GetValueOrDefault(path));
        }

        Compare("program", earlier.Program, Program);
        Compare("lock file", earlier.LockFile, LockFile);
        Compare("sdk", earlier.SdkVersion, SdkVersion);
        Compare("runtime", earlier.Runtime, Runtime);
        Compare("os", earlier.Os, Os);
        Compare("architecture", earlier.Architecture, Architecture);
        Compare("processor count", Number(earlier.ProcessorCount), Number(ProcessorCount));
        Compare("OMP_NUM_THREADS", earlier.OmpNumThreads, OmpNumThreads);
        Compare("simd", earlier.Simd, Simd);
        Compare("cpu model", earlier.CpuModel, CpuModel);
        var settingsBefore = earlier.RuntimeSettings ?? [];
        var settingsNow = RuntimeSettings ?? [];
        foreach (var name in settingsBefore.Keys.Union(settingsNow.Keys).Order(StringComparer.Ordinal))
        {
            Compare(name, settingsBefore.GetValueOrDefault(name), settingsNow.GetValueOrDefault(name));
        }

        return changes;
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
