using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Repro.Diagnostics;
using Repro.Fingerprints;
using Repro.Groups;
using Repro.Records;
using Repro.Registry;
using Repro.Runs;

namespace Repro.Core.Tests.Fuzzing;

/// <summary>
/// Every reader of a record a person could edit, given thousands of hostile variants of a valid record written by the
/// real writer: each must end in the reader's coded error or a read the strict oracle agrees with, never another
/// exception, a hang or a silently wrong value. Each test prints its figures (inputs, coded errors, correct reads).
/// </summary>
[TestClass]
public sealed class RecordReaderFuzzTests
{
    private const int CasesPerReader = 1500;

    private TempFolder _folder = null!;

    public TestContext TestContext { get; set; } = null!;

    [TestInitialize]
    public void Create() => _folder = new TempFolder();

    [TestCleanup]
    public void Delete() => _folder.Dispose();

    [TestMethod]
    public void RunJson()
    {
        var path = Path.Combine(_folder.Path, RunFiles.Run);
        RecordJson.WriteRecord(path, FuzzRecords.Run());
        FuzzJson("run.json (RecordJson.ReadRecord)", ErrorCode.DamagedRecord, path, () => RecordJson.ReadRecord(path), RecordJson.Context.RunRecord);
    }

    [TestMethod]
    public void ConfigJson()
    {
        var path = Path.Combine(_folder.Path, RunFiles.Config);
        RecordJson.WriteConfig(path, FuzzRecords.Config());
        FuzzJson("config.json (RecordJson.ReadConfig)", ErrorCode.DamagedRecord, path, () => RecordJson.ReadConfig(path), RecordJson.Context.RunConfig);
    }

    [TestMethod]
    public void RuntimeJson()
    {
        // A runtime.json that cannot be read is no error: the record goes without it (null), which counts as refused.
        var path = Path.Combine(_folder.Path, RunFiles.Runtime);
        File.WriteAllBytes(path, JsonSerializer.SerializeToUtf8Bytes(FuzzRecords.Runtime(), Repro.RuntimeJson.Default.RuntimeStamp));
        FuzzJson("runtime.json (RecordJson.ReadRuntimeStamp)", "none", path, () => RecordJson.ReadRuntimeStamp(path), RecordJson.Context.RuntimeStamp);
    }

    [TestMethod]
    public void MetricsJson()
    {
        var path = Path.Combine(_folder.Path, RunFiles.Metrics);
        File.WriteAllBytes(path, JsonSerializer.SerializeToUtf8Bytes(FuzzRecords.Metrics(), Repro.RuntimeJson.Default.SortedDictionaryStringDouble));
        FuzzJson("metrics.json (MetricsFile.Read)", ErrorCode.BadMetrics, path, () => MetricsFile.Read(path, "iris-forest"),
            RecordJson.Context.SortedDictionaryStringDouble, metrics => Assert.AreNotEqual(0, metrics.Count, "metrics.json with no metric was read"));
    }

    [TestMethod]
    public void RegistryVersion()
    {
        var registry = new ModelRegistry(Path.Combine(_folder.Path, "registry"));
        registry.Register("iris", FuzzRecords.Version);
        var path = Path.Combine(registry.Directory, "iris", "versions", "1.json");
        FuzzJson("registry version (ModelRegistry.Versions)", ErrorCode.DamagedRegistry, path, () => registry.Versions("iris").Single(),
            RegistryJson.Context.ModelVersion, version =>
            {
                Assert.AreEqual("iris", version.Model, "a version file of another model was read");
                Assert.AreEqual(1, version.Version, "a version file that names another version was read");
            });
    }

    [TestMethod]
    public void RegistryAlias()
    {
        var registry = new ModelRegistry(Path.Combine(_folder.Path, "registry"));
        registry.Register("iris", FuzzRecords.Version);
        registry.Register("iris", FuzzRecords.Version);
        registry.Promote("iris", 1, "production", DateTimeOffset.UnixEpoch);
        registry.Promote("iris", 2, "production", DateTimeOffset.UnixEpoch.AddDays(1));
        var path = Path.Combine(registry.Directory, "iris", "aliases", "production.json");
        FuzzJson("registry alias (ModelRegistry.Aliases)", ErrorCode.DamagedRegistry, path, () => registry.Aliases("iris").Single(),
            RegistryJson.Context.ModelAlias, alias =>
            {
                Assert.AreEqual("iris", alias.Model, "an alias file of another model was read");
                Assert.AreEqual("production", alias.Alias, ignoreCase: true, "an alias file that names another alias was read");
                Assert.AreEqual(alias.Version, alias.History[^1].Version, "an alias whose history ends elsewhere was read");
            });
    }

    [TestMethod]
    public void GroupJson()
    {
        var store = new GroupStore(new RunStore(Path.Combine(_folder.Path, "runs")));
        var path = Path.Combine(store.Write(FuzzRecords.Group()), RunStore.GroupRecordFile);
        FuzzJson("group.json (GroupStore.Read)", ErrorCode.DamagedRecord, path, () => store.Read(FuzzRecords.GroupId),
            Repro.Groups.GroupJson.Context.GroupRecord, group => Assert.AreEqual(FuzzRecords.GroupId, group.GroupId, "a group.json of another group was read"));
    }

    [TestMethod]
    public void HashCacheJson()
    {
        // The cache remembers files by full path: two real, settled files so a valid cache has two entries.
        var path = Path.Combine(_folder.Path, "obj", "repro", "hashes.json");
        var cache = HashCache.Open(path, new TestLog());
        foreach (var name in new[] { "a.csv", "b.csv" })
        {
            var data = _folder.Write(name, "x,y\n1,2\n");
            File.SetLastWriteTimeUtc(data, DateTime.UtcNow.AddHours(-1));
            cache.Sha256(data);
        }

        cache.Save();
        var valid = File.ReadAllBytes(path);
        var fuzz = new RecordReaderFuzz("hash cache (HashCache.Open)", ErrorCode.HashCacheCorrupt);
        FuzzOutcome Open(byte[] input)
        {
            File.WriteAllBytes(path, input);
            var log = new TestLog();
            var opened = HashCache.Open(path, log);
            if (log.Warnings.Any(w => w.Code == ErrorCode.HashCacheCorrupt))
            {
                Assert.AreEqual(0, opened.Entries.Count, "a cache that was warned about must not be used");
                return FuzzOutcome.Coded;
            }

            // Read as the file lists them: each entry once, exactly as written.
            using var document = StrictOracle.Parse(input);
            var byPath = opened.Entries.ToDictionary(e => e.Path, StringComparer.Ordinal);
            var listed = document.RootElement.TryGetProperty("files", out var files) && files.ValueKind == JsonValueKind.Array
                ? files.EnumerateArray().Select(f => f.TryGetProperty("path", out var p) ? p.GetString()! : "").ToArray()
                : [];
            if (listed.Length != byPath.Count || listed.Any(p => !byPath.ContainsKey(p)))
            {
                throw new OracleException($"the cache read {byPath.Count} entries, the file lists {listed.Length}");
            }

            var read = new HashCacheFile(1, [.. listed.Select(p => byPath[p])]);
            using var written = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(read, Repro.Fingerprints.HashCacheJson.Default.HashCacheFile));
            StrictOracle.Match(document.RootElement, written.RootElement, typeof(HashCacheFile));
            return FuzzOutcome.Read;
        }

        Assert.AreEqual(FuzzOutcome.Read, Open(valid), "the valid cache must be read");
        Assert.AreEqual(2, HashCache.Open(path, new TestLog()).Entries.Count);
        foreach (var i in RecordReaderFuzz.Cases(CasesPerReader))
        {
            var (input, description) = RecordFuzzer.Mutate(valid, RecordReaderFuzz.Seed, i);
            fuzz.Run(i, description, () => Open(input));
        }

        fuzz.RunHuge(path, "{\"version\":1,\"files\":[{\"path\":\"", "\"}]}", () => HashCache.Open(path, new TestLog()).Entries.Count == 0 ? FuzzOutcome.Coded : FuzzOutcome.Read);
        Report(fuzz);
    }

    [TestMethod]
    public void HistoryJsonl()
    {
        var path = Path.Combine(_folder.Path, RunFiles.History);
        var valid = History(("loss", 0, 0.69), ("loss", 1, 0.5), ("accuracy", 0, 0.9), ("loss", 2, 1e-300), ("accuracy", 10, -0.0));
        File.WriteAllBytes(path, valid);
        var fuzz = new RecordReaderFuzz("history.jsonl (MetricHistory.Read)", ErrorCode.BadMetrics);
        FuzzOutcome Read(byte[] input)
        {
            File.WriteAllBytes(path, input);
            var series = MetricHistory.Read(path, "iris-forest");
            var expected = ExpectedSeries(input);
            Assert.AreEqual(string.Join(",", expected.Keys), string.Join(",", series.Keys), "the series read are not those the file holds");
            foreach (var (name, points) in expected)
            {
                if (!points.SequenceEqual(series[name]))
                {
                    throw new OracleException($"series '{name}' was read as other points");
                }
            }

            return FuzzOutcome.Read;
        }

        Assert.AreEqual(FuzzOutcome.Read, Read(valid), "the valid history must be read");
        foreach (var i in RecordReaderFuzz.Cases(CasesPerReader))
        {
            var (input, description) = RecordFuzzer.MutateLines(valid, RecordReaderFuzz.Seed, i);
            fuzz.Run(i, description, () => Read(input));
        }

        fuzz.RunHuge(path, "{\"name\":\"", "\",\"step\":0,\"value\":1}\n", () => MetricHistory.Read(path, "iris-forest").Count == 0 ? FuzzOutcome.Coded : FuzzOutcome.Read);
        Report(fuzz);
    }

    /// <summary>Fuzzes a reader of one JSON record; <paramref name="check"/> adds what the record's place implies.</summary>
    private void FuzzJson<T>(string reader, string code, string path, Func<T?> read, JsonTypeInfo<T> type, Action<T>? check = null) where T : class
    {
        var valid = File.ReadAllBytes(path);
        FuzzOutcome Attempt(byte[] input)
        {
            File.WriteAllBytes(path, input);
            if (read() is not { } value)
            {
                return FuzzOutcome.Coded;
            }

            using var given = StrictOracle.Parse(input);
            using var written = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(value, type));
            StrictOracle.Match(given.RootElement, written.RootElement, typeof(T));
            check?.Invoke(value);
            return FuzzOutcome.Read;
        }

        Assert.AreEqual(FuzzOutcome.Read, Attempt(valid), $"{reader}: the valid record must be read");
        var fuzz = new RecordReaderFuzz(reader, code);
        foreach (var i in RecordReaderFuzz.Cases(CasesPerReader))
        {
            var (input, description) = RecordFuzzer.Mutate(valid, RecordReaderFuzz.Seed, i);
            fuzz.Run(i, description, () => Attempt(input));
        }

        fuzz.RunHuge(path, "{\"runId\":\"", "\"}", () => read() is null ? FuzzOutcome.Coded : FuzzOutcome.Read);
        Report(fuzz);
    }

    private void Report(RecordReaderFuzz fuzz)
    {
        TestContext.WriteLine(fuzz.Summary());
        Console.WriteLine(fuzz.Summary());
    }

    private static byte[] History(params (string Name, long Step, double Value)[] points)
    {
        var text = new MemoryStream();
        foreach (var (name, step, value) in points)
        {
            // As Repro.Runtime's ExperimentRun.LogMetric writes a point.
            using (var writer = new Utf8JsonWriter(text))
            {
                writer.WriteStartObject();
                writer.WriteString("name", name);
                writer.WriteNumber("step", step);
                writer.WriteNumber("value", value);
                writer.WriteEndObject();
            }

            text.WriteByte((byte)'\n');
        }

        return text.ToArray();
    }

    /// <summary>The series a strict reading of a history.jsonl gives: each non-empty line a point, or no reading at all.</summary>
    private static SortedDictionary<string, List<(long, double)>> ExpectedSeries(byte[] input)
    {
        var series = new SortedDictionary<string, List<(long, double)>>(StringComparer.Ordinal);
        var text = input.AsSpan().StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }) ? input[3..] : input;
        var start = 0;
        for (var end = 0; end <= text.Length; end++)
        {
            if (end < text.Length && text[end] != (byte)'\n')
            {
                continue;
            }

            var line = text[start..end];
            start = end + 1;
            if (line.Length > 0 && line[^1] == (byte)'\r')
            {
                line = line[..^1];
            }

            if (line.Length == 0)
            {
                continue;
            }

            using var document = StrictOracle.Parse(line, allowBom: false);
            var point = document.RootElement;
            if (point.ValueKind != JsonValueKind.Object
                || !point.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String || name.GetString() is not { Length: > 0 } metric
                || !point.TryGetProperty("step", out var step) || step.ValueKind != JsonValueKind.Number || !step.TryGetInt64(out var at) || at < 0
                || !point.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Number
                || !double.IsFinite(double.Parse(value.GetRawText(), System.Globalization.CultureInfo.InvariantCulture)))
            {
                throw new OracleException("a line that is not a point was read");
            }

            if (!series.TryGetValue(metric, out var points))
            {
                series[metric] = points = [];
            }

            points.Add((at, double.Parse(value.GetRawText(), System.Globalization.CultureInfo.InvariantCulture)));
        }

        return series;
    }
}
