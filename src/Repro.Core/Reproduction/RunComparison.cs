using Repro.Probes;
using Repro.Fingerprints;
using Repro.Profiles;
using Repro.Records;
using Repro.Training;

namespace Repro.Reproduction;

/// <summary>Compares a reproduction's record with the recorded run's: metrics within tolerance, inputs, artifacts.</summary>
public static class RunComparison
{
    /// <param name="recordedFolder">The recorded run's folder; with <paramref name="reproductionFolder"/>, ZIP artifacts are compared by entries.</param>
    /// <param name="rows">The row fingerprints of a data file by its SHA-256 (<see cref="Runs.RunStore.Rows"/>), to name the rows that changed.</param>
    public static Verdict Compare(
        RunRecord recorded, RunRecord reproduction, ToleranceSpec tolerance, string? recordedFolder = null, string? reproductionFolder = null,
        Func<string, RowFingerprints?>? rows = null)
    {
        var metrics = recorded.Metrics.Select(m => CheckMetric(m.Key, m.Value, reproduction.Metrics, tolerance.For(m.Key))).ToArray();
        var artifacts = ArtifactComparison.Compare(recorded.Artifacts, recordedFolder, reproduction.Artifacts, reproductionFolder);
        var ok = reproduction.Status == RunStatus.Completed && metrics.All(m => m.Ok);
        return new Verdict(ok ? Verdict.Reproduced : Verdict.Diverged, metrics, Inputs(recorded, reproduction, rows), artifacts.Changed.Count == 0, artifacts.Changed)
        {
            SameEntries = artifacts.SameEntries,
            ChangedEntries = artifacts.ChangedEntries.Count == 0 ? null : artifacts.ChangedEntries,
        };
    }

    /// <summary>Every input that can change a result: code, data, dependencies, toolchain, machine.</summary>
    /// <param name="rows">The row fingerprints of a data file by its SHA-256; without them a data change is described without its lines.</param>
    public static IReadOnlyList<InputCheck> Inputs(RunRecord recorded, RunRecord now, Func<string, RowFingerprints?>? rows = null)
    {
        var checks = new List<InputCheck>
        {
            Check("commit", recorded.Git.Commit, now.Git.Commit),
            Check("dirty", recorded.Git.Dirty?.ToString().ToLowerInvariant(), now.Git.Dirty?.ToString().ToLowerInvariant()),
            Check("lock file", recorded.LockFile?.Sha256, now.LockFile?.Sha256),
        };
        if (recorded.Git.Patch is not null || now.Git.Patch is not null)
        {
            checks.Insert(2, Check("source patch", Describe(recorded.Git.Patch), Describe(now.Git.Patch)));
        }

        var recordedData = recorded.Data.ToDictionary(d => d.Path, StringComparer.Ordinal);
        var nowData = now.Data.ToDictionary(d => d.Path, StringComparer.Ordinal);
        foreach (var path in recordedData.Keys.Union(nowData.Keys).Order(StringComparer.Ordinal))
        {
            var (before, after) = (recordedData.GetValueOrDefault(path), nowData.GetValueOrDefault(path));
            var data = Check(path, before?.Sha256, after?.Sha256);
            checks.Add(data.Changed && before is not null && after is not null ? data with { Detail = DataChange(before, after, recorded, now, rows) } : data);
        }

        // Compared only when the recorded run recorded its split: older records and programs that do not split say nothing.
        if (recorded.Split is { } split)
        {
            var check = Check("split", split.TestRowsSha256, now.Split?.TestRowsSha256);
            checks.Add(check.Changed ? check with { Detail = SplitChange(split, now.Split) } : check);
        }

        // What the models were made of, when either program recorded it: trainer options and pipeline steps.
        // A record older than schema 3 could not hold them, so its missing shape says nothing.
        if (recorded.SchemaVersion >= RunRecord.ModelShapeSchema
            && (recorded.Trainers is not null || recorded.Pipelines is not null || now.Trainers is not null || now.Pipelines is not null))
        {
            var shape = Comparison.ModelShapeComparison.Describe(recorded, now);
            checks.Add(new InputCheck("model shape", Shape(recorded), Shape(now), shape.Count > 0) { Detail = shape.Count > 0 ? string.Join("; ", shape) : null });
        }

        var program = Check("program", recorded.Program.Sha256, now.Program.Sha256);
        checks.Add(program.Changed ? program with { Detail = ProgramChanges(recorded.Program.Files, now.Program.Files) } : program);
        checks.Add(Check("sdk", recorded.Environment.SdkVersion, now.Environment.SdkVersion));
        checks.Add(Check("runtime", recorded.Environment.RuntimeVersion, now.Environment.RuntimeVersion));
        checks.Add(Check("os", recorded.Environment.Os, now.Environment.Os));
        checks.Add(Check("architecture", recorded.Environment.Architecture, now.Environment.Architecture));
        if (recorded.Environment.Simd is not null || now.Environment.Simd is not null)
        {
            checks.Add(Check("simd", recorded.Environment.Simd, now.Environment.Simd));
        }

        // Compared only when the recorded run knew its processor: older records and some ARM kernels name none.
        if (recorded.Environment.CpuModel is not null)
        {
            checks.Add(Check("cpu model", recorded.Environment.CpuModel, now.Environment.CpuModel));
        }

        checks.Add(Check("processor count", Count(recorded.Environment.ProcessorCount), Count(now.Environment.ProcessorCount)));
        if (recorded.Environment.OmpNumThreads is not null || now.Environment.OmpNumThreads is not null)
        {
            checks.Add(Check("OMP_NUM_THREADS", recorded.Environment.OmpNumThreads, now.Environment.OmpNumThreads));
        }

        // A record made before runtime settings were recorded says nothing of them: no row rather than a false "none".
        if (recorded.Environment.RuntimeSettings is { } recordedSettings)
        {
            var nowSettings = now.Environment.RuntimeSettings ?? [];
            // Reproduce always pins the recorded count through DOTNET_PROCESSOR_COUNT: the processor count row compares it.
            foreach (var name in recordedSettings.Keys.Union(nowSettings.Keys).Where(n => !RuntimeSettings.IsProcessorCount(n)).Order(StringComparer.Ordinal))
            {
                checks.Add(Check(name, recordedSettings.GetValueOrDefault(name), nowSettings.GetValueOrDefault(name)));
            }
        }

        var recordedNative = NativeVersions(recorded.Environment);
        var nowNative = NativeVersions(now.Environment);
        foreach (var name in recordedNative.Keys.Union(nowNative.Keys).Order(StringComparer.Ordinal))
        {
            checks.Add(Check("native " + name, recordedNative.GetValueOrDefault(name), nowNative.GetValueOrDefault(name)));
        }

        return checks;
    }

    /// <summary>
    /// A data file's change in words, from the two records' profiles and, when the store kept them, both sides' row
    /// fingerprints: "rows 150 → 149 (line 88 removed); petal_width mean 1.199 → 1.205; schema same". A file with no
    /// profile on either side (not delimited text, or a record made before profiles) is described by its size.
    /// </summary>
    internal static string? DataChange(FileFingerprint before, FileFingerprint after, RunRecord recorded, RunRecord now, Func<string, RowFingerprints?>? rows)
    {
        var was = recorded.Profiles?.FirstOrDefault(p => p.Path == before.Path && p.Sha256 == before.Sha256);
        var @is = now.Profiles?.FirstOrDefault(p => p.Path == after.Path && p.Sha256 == after.Sha256);
        if (was is null || @is is null)
        {
            return before.Bytes == after.Bytes ? null : $"size {before.Bytes:N0} → {after.Bytes:N0} bytes";
        }

        var changes = rows?.Invoke(was.Sha256) is { } a && rows(@is.Sha256) is { } b ? RowFingerprints.Compare(a, b) : null;
        return ProfileComparison.Describe(was, @is, changes);
    }

    /// <summary>"other rows held out (30 of 150 → 30 of 150)": the same counts with other rows is what a reordered file gives.</summary>
    private static string SplitChange(SplitFingerprint recorded, SplitFingerprint? now) => now is null
        ? "the program recorded no split"
        : $"other rows held out ({recorded.TestRows} of {recorded.TrainRows + recorded.TestRows} → {now.TestRows} of {now.TrainRows + now.TestRows})";

    private static string Shape(RunRecord record) =>
        $"{record.Trainers?.Count ?? 0} trainer(s), {record.Pipelines?.Values.Sum(p => p.Count) ?? 0} pipeline step(s)";

    /// <summary>How many changed program files a verdict names; the rest are counted.</summary>
    internal const int NamedProgramFiles = 5;

    /// <summary>
    /// The program's files that differ, by path: changed ones first, then added and removed ones, each group sorted
    /// ordinal; at most <see cref="NamedProgramFiles"/> named, the rest counted.
    /// </summary>
    internal static string? ProgramChanges(IReadOnlyList<ProgramFile>? recorded, IReadOnlyList<ProgramFile>? now)
    {
        if (recorded is null || now is null)
        {
            return "the recorded run predates per-file program hashes";
        }

        var before = Hashes(recorded);
        var after = Hashes(now);
        var names = after.Keys.Where(path => before.TryGetValue(path, out var hash) && hash != after[path])
            .Concat(after.Keys.Where(path => !before.ContainsKey(path)).Select(path => path + " (added)"))
            .Concat(before.Keys.Where(path => !after.ContainsKey(path)).Select(path => path + " (removed)"))
            .ToArray();
        if (names.Length == 0)
        {
            return null;
        }

        var named = string.Join(", ", names.Take(NamedProgramFiles));
        return names.Length > NamedProgramFiles ? $"{named} and {names.Length - NamedProgramFiles} more" : named;
    }

    // A hand-edited record may name a path twice: the last entry wins rather than the comparison failing.
    private static SortedDictionary<string, string> Hashes(IReadOnlyList<ProgramFile> files)
    {
        var hashes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            hashes[file.Path] = file.Sha256;
        }

        return hashes;
    }

    private static MetricCheck CheckMetric(string name, double recorded, IReadOnlyDictionary<string, double> reproduced, Tolerance tolerance)
    {
        if (!reproduced.TryGetValue(name, out var value))
        {
            return new MetricCheck(name, recorded, null, null, tolerance.ToString(), Ok: false);
        }

        return new MetricCheck(name, recorded, value, Math.Abs(value - recorded), tolerance.ToString(), tolerance.Allows(recorded, value));
    }

    private static string? Describe(SourcePatchRecord? patch) =>
        patch is { Truncated: true } ? $"not kept ({patch.Bytes} bytes)" : patch?.Sha256;

    private static string Count(int count) => count.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static Dictionary<string, string> NativeVersions(EnvironmentRecord environment) =>
        (environment.NativeLibraries ?? []).ToDictionary(l => l.Name, l => $"{l.Package} {l.Version}", StringComparer.Ordinal);

    private static InputCheck Check(string input, string? recorded, string? current) =>
        new(input, recorded, current, !string.Equals(recorded, current, StringComparison.Ordinal));
}
