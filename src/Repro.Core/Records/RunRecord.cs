using Repro.Fingerprints;

namespace Repro.Records;

/// <summary>
/// The contents of <c>run.json</c>, the manifest of a run. Later tools rely on these names; fields may be added,
/// never renamed.
/// </summary>
public sealed record RunRecord
{
    /// <summary>The record's format: 2 adds environment.processorCountPinnedBy, 3 data profiles, the split and the model's shape, 4 timings; readers read every version up to theirs (docs/records.md).</summary>
    public int SchemaVersion { get; init; } = Current;

    /// <summary>The format this version of Repro writes.</summary>
    public const int Current = 4;

    /// <summary>The first format that holds trainer options and pipeline steps.</summary>
    public const int ModelShapeSchema = 3;

    public required string RunId { get; init; }
    public required string Experiment { get; init; }

    /// <summary>The group (seeds, sweep) the run was trained in, or null for a run on its own.</summary>
    public string? Group { get; init; }

    /// <summary>
    /// For a run a shard trained in a group (-p:Shard): the group's plan, so it can be recorded where all members meet.
    /// Left out of run.json otherwise, so a Train without a shard writes the records it always did.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public Sharding.ShardedGroupPlan? GroupPlan { get; init; }

    public required string Status { get; init; }
    public required long Seed { get; init; }
    public double? TestSize { get; init; }
    public required SortedDictionary<string, string> Params { get; init; }
    public required IReadOnlyList<Override> Overrides { get; init; }
    public required SortedDictionary<string, double> Metrics { get; init; }
    public required GitRecord Git { get; init; }
    public LockFileRecord? LockFile { get; init; }
    public required IReadOnlyList<FileFingerprint> Data { get; init; }

    /// <summary>
    /// What the delimited files among <see cref="Data"/> held: rows, column types and statistics, label classes. Derived
    /// from the data's hashes and the parameters, so not in the cache key; left out when no data file is delimited text.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<Profiles.DataProfile>? Profiles { get; init; }

    /// <summary>
    /// Which rows the program held out for testing, when it recorded its split (split.json). An output of the data, the
    /// seed and the program, so not in the cache key; Reproduce and Compare name a split that moved under them.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public SplitFingerprint? Split { get; init; }
    public required IReadOnlyList<FileFingerprint> Artifacts { get; init; }
    public required ProgramRecord Program { get; init; }
    public required EnvironmentRecord Environment { get; init; }

    /// <summary>SHA-256 of config.json, metrics.json and history.jsonl, so a later reader can tell the record is intact.</summary>
    public required RecordFiles Files { get; init; }

    public required DateTimeOffset StartedAt { get; init; }
    public required long DurationMs { get; init; }

    /// <summary>Where the run's time went, Repro's work beside the program's; null before version 4.</summary>
    public RunTimings? Timings { get; init; }
    public required string Command { get; init; }
    public ErrorRecord? Error { get; init; }

    /// <summary>The tolerances a reproduction of this run is held to, as <c>ToleranceSpec</c> writes them.</summary>
    public string? Tolerance { get; init; }

    /// <summary>For a reproduction: the run it reproduced, and how that went.</summary>
    public string? ReproductionOf { get; init; }

    public Verdict? Verdict { get; init; }

    /// <summary>For a run that -t:Explain made: the run it varies, the run it was compared against and the one change applied.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public ExplanationOf? ExplanationOf { get; init; }

    /// <summary>SHA-256 of <see cref="CacheInputs"/>: a later Train with the same key finds this run up to date.</summary>
    public string? CacheKey { get; init; }

    /// <summary>What the cache key was made of, so a record says why it matched or what changed since.</summary>
    public Runs.RunCacheKey? CacheInputs { get; init; }

    /// <summary>
    /// Each trainer's options as the program recorded them (model-shape.json), defaults included: trainer → option → value.
    /// An output of the program and its parameters, so not in the cache key; left out of run.json when the program recorded none.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public SortedDictionary<string, SortedDictionary<string, string?>>? Trainers { get; init; }

    /// <summary>Each saved pipeline's steps, by the model's path in the run folder; left out of run.json when none was recorded.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public SortedDictionary<string, IReadOnlyList<PipelineStep>>? Pipelines { get; init; }
}

/// <summary>What an Explain run is: run <paramref name="Run"/> with one input of <paramref name="Against"/> applied, named by <paramref name="Change"/>.</summary>
public sealed record ExplanationOf(string Run, string Against, string Change);

public static class RunStatus
{
    public const string Completed = "completed";
    public const string Failed = "failed";

    /// <summary>Stopped by Ctrl+C or SIGTERM; the record keeps what the program had logged.</summary>
    public const string Cancelled = "cancelled";
}

public sealed record GitRecord(string? Commit, bool? Dirty, string? Branch, string? UnknownReason)
{
    /// <summary>For a dirty tree, its uncommitted changes (<c>source.patch</c>); null for a clean tree and in older records.</summary>
    public SourcePatchRecord? Patch { get; init; }
}

/// <param name="Sha256">Of <c>source.patch</c>; null when the patch was not kept.</param>
/// <param name="Bytes">The patch's size, kept or not.</param>
/// <param name="Truncated">The patch was larger than $(ReproMaxPatchBytes), so the run has no <c>source.patch</c>.</param>
public sealed record SourcePatchRecord(string? Sha256, long Bytes, bool Truncated);

/// <param name="Path">Relative to the project folder.</param>
/// <param name="Sha256">Of the file with line endings normalised to LF.</param>
public sealed record LockFileRecord(string Path, string Sha256);

/// <param name="Path">The built experiment assembly, relative to the project folder.</param>
/// <param name="Sha256">The digest over <see cref="Files"/> (<see cref="ProgramIdentity.Digest"/>); in records made before
/// Files existed, the hash of the assembly alone.</param>
public sealed record ProgramRecord(string Path, string Sha256, string? TargetFramework)
{
    /// <summary>Every file the program loads from its output folder, sorted by path; null in older records.</summary>
    public IReadOnlyList<ProgramFile>? Files { get; init; }
}

/// <param name="ProcessorCount">The count the program saw (what its threads were sized from), from its runtime.json; without
/// one (a program that does not use Repro.Runtime, and old records) the count it was started with.</param>
public sealed record EnvironmentRecord(
    string? SdkVersion,
    string? RuntimeVersion,
    string? RuntimeFramework,
    string MsBuildRuntime,
    string Os,
    string OsPlatform,
    string Architecture,
    int ProcessorCount,
    string MachineName)
{
    /// <summary>
    /// The count the build itself saw: the machine's, unless DOTNET_PROCESSOR_COUNT was set for the whole build. The
    /// program's (<see cref="ProcessorCount"/>) differs when Train pinned it.
    /// </summary>
    public int? HostProcessorCount { get; init; }

    /// <summary>
    /// Why the program was started at <see cref="ProcessorCount"/>: the experiment's ProcessorCount, ReproProcessorCount,
    /// ML.NET found in the program's dependencies, or the recorded count for a reproduction. Null when it saw the
    /// machine's own count (and in records before schema version 2).
    /// </summary>
    public string? ProcessorCountPinnedBy { get; init; }

    /// <summary>The processor's model name, such as "AMD EPYC 7763 64-Core Processor"; null when the system does not say (and in older records).</summary>
    public string? CpuModel { get; init; }

    /// <summary>
    /// The runtime settings of <see cref="Probes.RuntimeSettings.Names"/> the program was started with, by variable
    /// name (DOTNET_TieredCompilation: "0"), only those set; empty when none was. Null in records made before they were recorded.
    /// </summary>
    public SortedDictionary<string, string>? RuntimeSettings { get; init; }

    /// <summary>OMP_NUM_THREADS as the program saw it, or null when unset.</summary>
    public string? OmpNumThreads { get; init; }

    /// <summary>The vector instructions the program could use; vectorised sums can differ in their last digits without them.</summary>
    public string? Simd { get; init; }

    /// <summary>Native libraries of packages the program loaded (LightGBM's, for example), sorted by name.</summary>
    public IReadOnlyList<NativeLibrary>? NativeLibraries { get; init; }
}

/// <param name="Config">SHA-256 of config.json.</param>
/// <param name="Metrics">SHA-256 of metrics.json, or null when the program wrote none.</param>
/// <param name="History">SHA-256 of history.jsonl, or null when the program logged no series (and in older records).</param>
public sealed record RecordFiles(string Config, string? Metrics, string? History = null);

public sealed record ErrorRecord(string Code, string Message);
