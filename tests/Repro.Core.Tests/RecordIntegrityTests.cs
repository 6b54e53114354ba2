using Repro.Runs;
using Repro.Diagnostics;
using Repro.Fingerprints;
using Repro.Records;
using Repro.Reproduction;

namespace Repro.Core.Tests;

/// <summary>Every check RecordIntegrity makes: each damaged, missing or disowned file fails on its own, an intact record passes.</summary>
[TestClass]
public sealed class RecordIntegrityTests
{
    private const string RunId = "20261122-051500-123-3f9a1c";
    private const string Model = "artifacts/model.bin";
    private const string Plot = "plots/loss.svg";

    private TempFolder _store = null!;
    private string _folder = null!;

    [TestInitialize]
    public void Create()
    {
        _store = new TempFolder();
        _folder = Path.Combine(_store.Path, RunId);
    }

    [TestCleanup]
    public void Delete() => _store.Dispose();

    [TestMethod]
    public void AnIntactRecordPasses()
    {
        var written = WriteRun();

        var read = RecordIntegrity.Read(_folder);

        Assert.AreEqual(RunId, read.RunId);
        CollectionAssert.AreEqual(written.Metrics.ToArray(), read.Metrics.ToArray());
        Assert.AreEqual(written.Files, read.Files);
        Assert.AreEqual(2, read.Artifacts.Count);
    }

    [TestMethod]
    public void AnUnreadableRunJsonIsDamaged()
    {
        WriteRun();
        File.WriteAllText(Path.Combine(_folder, RunFiles.Run), "{\"runId\": ");
        StringAssert.Contains(Damaged(), RunFiles.Run);

        File.Delete(Path.Combine(_folder, RunFiles.Run));
        StringAssert.Contains(Damaged(), RunFiles.Run);
    }

    [TestMethod]
    public void ARunJsonThatNamesAnotherRunIsDamaged()
    {
        WriteRun(r => r with { RunId = "20261122-051500-999-3f9a1c" });
        StringAssert.Contains(Damaged(), "names another run");
    }

    [TestMethod]
    [DataRow(RunFiles.Config)]
    [DataRow(RunFiles.Metrics)]
    [DataRow(RunFiles.History)]
    [DataRow(Model)]
    [DataRow(Plot)]
    public void EachHashedFileThatChangedIsDamaged(string file)
    {
        WriteRun();
        var path = Path.Combine(_folder, file);
        // Same length, one byte different: only the hash can tell.
        var bytes = File.ReadAllBytes(path);
        bytes[^2] ^= 0x01;
        File.WriteAllBytes(path, bytes);

        var message = Damaged();
        StringAssert.Contains(message, file);
        StringAssert.Contains(message, "has changed since it was recorded");
    }

    [TestMethod]
    [DataRow(RunFiles.Config)]
    [DataRow(RunFiles.Metrics)]
    [DataRow(RunFiles.History)]
    public void EachHashedRecordFileThatIsMissingIsDamaged(string file)
    {
        WriteRun();
        File.Delete(Path.Combine(_folder, file));

        var message = Damaged();
        StringAssert.Contains(message, file);
        StringAssert.Contains(message, "is missing");
    }

    [TestMethod]
    [DataRow(Model)]
    [DataRow(Plot)]
    public void AMissingArtifactIsNotLocalNotDamagedAndOnlyAVerbThatNeedsItFails(string file)
    {
        WriteRun();
        File.Delete(Path.Combine(_folder, file));

        var error = Assert.ThrowsExactly<ReproException>(() => RecordIntegrity.Read(_folder));
        Assert.AreEqual("REPRO0083", error.Code);
        StringAssert.Contains(error.Message, file);
        StringAssert.Contains(error.Message, "-t:Pull");
        Assert.IsNotNull(RecordIntegrity.Read(_folder, needArtifacts: false), "records in git, artifacts in a remote: still a valid record");
    }

    [TestMethod]
    public void MetricsInRunJsonThatAreNotThoseOfMetricsJsonAreDamaged()
    {
        WriteRun(r => r with { Metrics = new(StringComparer.Ordinal) { ["accuracy"] = 0.99, ["log_loss"] = 0.1 } });
        StringAssert.Contains(Damaged(), "are not those of metrics.json");
    }

    [TestMethod]
    public void AMetricsJsonRecordedWithItsHashButHoldingNoMetricIsBadMetrics()
    {
        WriteRun(metricsJson: "{}\n");
        Assert.AreEqual(ErrorCode.BadMetrics, Assert.ThrowsExactly<ReproException>(() => RecordIntegrity.Read(_folder)).Code);
    }

    [TestMethod]
    public void FilesTheRecordDoesNotHashAreNotChecked()
    {
        WriteRun(r => r with { Files = r.Files with { Metrics = null, History = null } });
        File.Delete(Path.Combine(_folder, RunFiles.Metrics));
        File.Delete(Path.Combine(_folder, RunFiles.History));
        File.WriteAllText(Path.Combine(_folder, RunFiles.Report), "edited by hand");

        Assert.AreEqual(RunId, RecordIntegrity.Read(_folder).RunId);
    }

    [TestMethod]
    public void AFailedRunIsIntactButNotReproducible()
    {
        WriteRun(r => r with { Status = RunStatus.Failed, Error = new ErrorRecord(ErrorCode.ProgramFailed, "exit code 1") });
        var failure = Assert.ThrowsExactly<ReproException>(() => RecordIntegrity.Read(_folder));
        Assert.AreEqual(ErrorCode.FailedRunNotReproducible, failure.Code);
        StringAssert.Contains(failure.Message, ErrorCode.ProgramFailed);
    }

    private string Damaged()
    {
        var failure = Assert.ThrowsExactly<ReproException>(() => RecordIntegrity.Read(_folder));
        Assert.AreEqual(ErrorCode.DamagedRecord, failure.Code, failure.Message);
        StringAssert.Contains(failure.Message, RunId);
        return failure.Message;
    }

    /// <summary>A run folder as Train leaves it: config, metrics, history, a model and a plot, each hashed in run.json.</summary>
    private RunRecord WriteRun(Func<RunRecord, RunRecord>? change = null, string metricsJson = "{\n  \"accuracy\": 0.9666666666666667,\n  \"log_loss\": 0.1\n}\n")
    {
        Directory.CreateDirectory(_folder);
        RecordJson.WriteConfig(Path.Combine(_folder, RunFiles.Config), new RunConfig
        {
            RunId = RunId,
            Experiment = "iris-forest",
            Seed = 42,
            Params = TestRecords.Params(("Trees", "5")),
            Data = ["data/iris.csv"],
        });
        File.WriteAllText(Path.Combine(_folder, RunFiles.Metrics), metricsJson);
        File.WriteAllText(Path.Combine(_folder, RunFiles.History), "{\"name\":\"loss\",\"step\":0,\"value\":0.5}\n");
        var artifacts = new[] { Model, Plot }.Select(file =>
        {
            var path = Path.Combine(_folder, file);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, $"<contents of {file}>\n");
            return new FileFingerprint(file, FileHash.Sha256(path), new FileInfo(path).Length);
        }).ToArray();

        var record = TestRecords.Completed() with
        {
            Artifacts = artifacts,
            Files = new RecordFiles(Hash(RunFiles.Config), Hash(RunFiles.Metrics), Hash(RunFiles.History)),
        };
        record = change?.Invoke(record) ?? record;
        RecordJson.WriteRecord(Path.Combine(_folder, RunFiles.Run), record);
        return record;
    }

    private string Hash(string file) => FileHash.Sha256(Path.Combine(_folder, file));
}
