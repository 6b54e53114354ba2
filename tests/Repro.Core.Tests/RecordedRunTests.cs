using Repro.Diagnostics;
using Repro.Fingerprints;
using Repro.Records;
using Repro.Reproduction;
using Repro.Runs;

namespace Repro.Core.Tests;

[TestClass]
public sealed class RecordedRunTests
{
    private const string RunId = "20261122-051500-123-3f9a1c";

    private TempFolder _folder = null!;
    private RunStore _store = null!;

    [TestInitialize]
    public void Create()
    {
        _folder = new TempFolder();
        _store = new RunStore(Path.Combine(_folder.Path, "runs"));
    }

    [TestCleanup]
    public void Delete() => _folder.Dispose();

    [TestMethod]
    public void ARecordedRunGivesItsConfigurationAtItsProcessorCount()
    {
        Write(TestRecords.Completed() with { Tolerance = "0.01", Environment = TestRecords.Completed().Environment with { ProcessorCount = 3 } });

        var run = RecordedRun.Open(_store, Request(RunId));

        Assert.AreEqual(Path.Combine(_store.Directory, RunId), run.Folder);
        Assert.AreEqual("iris-forest", run.Plan.Experiment);
        Assert.AreEqual(7, run.Plan.Seed);
        Assert.AreEqual("5", run.Plan.Params["Trees"]);
        Assert.AreEqual(3, run.Plan.Threads!.ProcessorCount);
        Assert.AreEqual(0.01, run.Tolerance.Default.Value);
        Assert.IsNull(run.Commit, "today's code");
    }

    [TestMethod]
    public void ToleranceOnTheCommandLineReplacesTheRecordedOne()
    {
        Write(TestRecords.Completed() with { Tolerance = "0.01" });
        Assert.AreEqual(0.5, RecordedRun.Open(_store, Request(RunId, tolerance: "0.5")).Tolerance.Default.Value);
        Assert.AreEqual(ErrorCode.BadTolerance, Code(() => RecordedRun.Open(_store, Request(RunId, tolerance: "close"))));
    }

    [TestMethod]
    public void AtTheCommitTheRunMustRecordACleanOne()
    {
        Write(TestRecords.Completed());
        Assert.AreEqual(new string('a', 40), RecordedRun.Open(_store, Request(RunId, atCommit: true)).Commit);

        const string dirty = "20261122-051500-124-3f9a1c";
        Write(TestRecords.Completed() with { RunId = dirty, Git = new GitRecord(new string('a', 40), true, "main", null) });
        Assert.AreEqual(ErrorCode.CommitNotReproducible, Code(() => RecordedRun.Open(_store, Request(dirty, atCommit: true))));
    }

    [TestMethod]
    public void ADirtyRunIsReproducibleAtItsCommitOnlyWithItsPatchIntact()
    {
        var patch = "diff --git a/x b/x\n"u8.ToArray();
        var sha = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(patch)).ToLowerInvariant();
        var folder = Write(TestRecords.Completed() with
        {
            Git = new GitRecord(new string('a', 40), true, "main", null) { Patch = new SourcePatchRecord(sha, patch.Length, false) },
        });
        File.WriteAllBytes(Path.Combine(folder, RunFiles.SourcePatch), patch);

        var run = RecordedRun.Open(_store, Request(RunId, atCommit: true));
        Assert.AreEqual(Path.Combine(folder, RunFiles.SourcePatch), run.SourcePatchFile);
        Assert.AreEqual(sha, run.SourcePatch!.Record.Sha256);
        Assert.IsNull(RecordedRun.Open(_store, Request(RunId)).SourcePatchFile, "today's code gets no patch");

        File.WriteAllBytes(Path.Combine(folder, RunFiles.SourcePatch), [.. patch, (byte)'!']);
        StringAssert.Contains(Assert.ThrowsExactly<ReproException>(() => RecordedRun.Open(_store, Request(RunId))).Message, "source.patch");
        Assert.AreEqual("REPRO0033", Code(() => RecordedRun.Open(_store, Request(RunId, atCommit: true))));
        File.Delete(Path.Combine(folder, RunFiles.SourcePatch));
        Assert.AreEqual("REPRO0033", Code(() => RecordedRun.Open(_store, Request(RunId, atCommit: true))));
    }

    [TestMethod]
    public void ADirtyRunWhosePatchWasTooLargeSaysSoAtItsCommit()
    {
        Write(TestRecords.Completed() with
        {
            Git = new GitRecord(new string('a', 40), true, "main", null) { Patch = new SourcePatchRecord(null, 20_000_000, Truncated: true) },
        });

        var error = Assert.ThrowsExactly<ReproException>(() => RecordedRun.Open(_store, Request(RunId, atCommit: true)));
        Assert.AreEqual(ErrorCode.CommitNotReproducible, error.Code);
        StringAssert.Contains(error.Message, "20,000,000 bytes");
        Assert.IsNull(RecordedRun.Open(_store, Request(RunId)).Commit, "with today's code it still reproduces");
    }

    [TestMethod]
    public void AMissingBadOrDamagedRunIsTheLookupsError()
    {
        Assert.AreEqual(ErrorCode.BadRunId, Code(() => RecordedRun.Open(_store, Request(null))));
        Assert.AreEqual(ErrorCode.BadRunId, Code(() => RecordedRun.Open(_store, Request("nope"))));
        Assert.AreEqual(ErrorCode.UnknownRun, Code(() => RecordedRun.Open(_store, Request(RunId))));

        var folder = Write(TestRecords.Completed());
        File.AppendAllText(Path.Combine(folder, RunFiles.Config), " ");
        Assert.AreEqual(ErrorCode.DamagedRecord, Code(() => RecordedRun.Open(_store, Request(RunId))));
    }

    [TestMethod]
    public void ARunThatLoggedAMetricThenFailedIsAFailedRunNotADamagedOne()
    {
        // As Train leaves it: metrics.json written before the crash and hashed, but a failed run records no metrics.
        var folder = Write(TestRecords.Completed() with { Status = RunStatus.Failed, Error = new ErrorRecord(ErrorCode.ProgramFailed, "crashed"), Metrics = new(StringComparer.Ordinal) },
            metricsJson: """{"accuracy": 0.5}""");

        Assert.AreEqual(ErrorCode.FailedRunNotReproducible, Code(() => RecordedRun.Open(_store, Request(RunId))));
        Assert.AreEqual(RunStatus.Failed, RecordIntegrity.ReadAnyStatus(folder).Status, "its files match their hashes: intact");

        // The status comes first even when the files do not match.
        File.AppendAllText(Path.Combine(folder, RunFiles.Metrics), " ");
        Assert.AreEqual(ErrorCode.FailedRunNotReproducible, Code(() => RecordedRun.Open(_store, Request(RunId))));
        Assert.AreEqual(ErrorCode.DamagedRecord, Code(() => RecordIntegrity.ReadAnyStatus(folder)));
    }

    private static ReproduceRequest Request(string? runId, string? tolerance = null, bool atCommit = false) =>
        new(runId, tolerance, Exact: false, atCommit, "Debug");

    private static string Code(Action action) => Assert.ThrowsExactly<ReproException>(action).Code;

    /// <summary>A completed run with its config.json and a record whose hashes match, as Train leaves it.</summary>
    private string Write(RunRecord record, string? metricsJson = null)
    {
        var folder = Path.Combine(_store.Directory, record.RunId);
        Directory.CreateDirectory(folder);
        var config = Path.Combine(folder, RunFiles.Config);
        RecordJson.WriteConfig(config, new RunConfig
        {
            RunId = record.RunId,
            Experiment = record.Experiment,
            Seed = 7,
            Params = TestRecords.Params(("Trees", "5")),
            Data = ["data/iris.csv"],
        });
        var metrics = Path.Combine(folder, RunFiles.Metrics);
        if (metricsJson is not null)
        {
            File.WriteAllText(metrics, metricsJson);
        }

        RecordJson.WriteRecord(Path.Combine(folder, RunFiles.Run), record with
        {
            Artifacts = [],
            Files = new RecordFiles(FileHash.Sha256(config), metricsJson is null ? null : FileHash.Sha256(metrics)),
        });
        return folder;
    }
}
