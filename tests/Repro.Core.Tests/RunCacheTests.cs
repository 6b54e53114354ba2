using Repro.Fingerprints;
using Repro.Records;
using Repro.Runs;

namespace Repro.Core.Tests;

[TestClass]
public sealed class RunCacheTests
{
    private static readonly RunCacheKey Wanted = RunCacheKeyTests.Key();

    [TestMethod]
    public void TheNewestCompletedRunWithTheKeyIsTheHit()
    {
        using var folder = new TempFolder();
        var store = new RunStore(folder.Path);
        Write(store, 1, Wanted);
        var newest = Write(store, 2, Wanted);
        Write(store, 3, Wanted with { Seed = 7 });

        var answer = Find(store, Wanted);
        Assert.AreEqual(newest.RunId, answer.Hit?.RunId);
        Assert.AreEqual(Path.Combine(store.Directory, newest.RunId), answer.HitFolder);
    }

    [TestMethod]
    public void AFailedRunAReproductionAndAnUnfinishedRunAreNoHits()
    {
        using var folder = new TempFolder();
        var store = new RunStore(folder.Path);
        Write(store, 1, Wanted, r => r with { Status = RunStatus.Failed });
        Write(store, 2, Wanted, r => r with { ReproductionOf = "20261122-051500-123-3f9a1c" });
        var unfinished = Write(store, 3, Wanted);
        Directory.Move(Path.Combine(store.Directory, unfinished.RunId), Path.Combine(store.Directory, unfinished.RunId + ".partial"));

        Assert.IsNull(Find(store, Wanted).Hit);
    }

    [TestMethod]
    public void ARunWithAnotherKeyIsNoHitButSaysWhatChanged()
    {
        using var folder = new TempFolder();
        var store = new RunStore(folder.Path);
        Write(store, 1, Wanted with { Seed = 7 });
        var latest = Write(store, 2, Wanted with { Seed = 8 });
        Write(store, 3, Wanted with { Experiment = "other" });

        var answer = Find(store, Wanted);
        Assert.IsNull(answer.Hit);
        Assert.AreEqual(latest.RunId, answer.Latest?.RunId);
        CollectionAssert.AreEqual(new[] { "seed" }, Wanted.ChangesSince(answer.Latest!.CacheInputs!).ToArray());
    }

    [TestMethod]
    public void ARecordWithoutAKeyOrUnreadableIsNoHit()
    {
        using var folder = new TempFolder();
        var store = new RunStore(folder.Path);
        Write(store, 1, Wanted, r => r with { CacheKey = null, CacheInputs = null });
        var garbled = Write(store, 2, Wanted);
        File.WriteAllText(Path.Combine(store.Directory, garbled.RunId, RunFiles.Run), "{ not json");

        var answer = Find(store, Wanted);
        Assert.IsNull(answer.Hit);
        Assert.IsNull(answer.Latest);
    }

    [TestMethod]
    public void ARunWhoseFilesChangedIsNoHitAndTheLogSaysWhy()
    {
        using var folder = new TempFolder();
        var store = new RunStore(folder.Path);
        var tampered = Write(store, 1, Wanted);
        File.AppendAllText(Path.Combine(store.Directory, tampered.RunId, RunFiles.Metrics), " ");
        var truncatedModel = Write(store, 2, Wanted);
        File.WriteAllText(Path.Combine(store.Directory, truncatedModel.RunId, "artifacts", "model.bin"), "");

        var log = new TestLog();
        Assert.IsNull(RunCache.Find(store, [Wanted], log).Single().Hit);
        Assert.HasCount(2, log.Messages);
        StringAssert.Contains(log.Messages[0], "artifacts/model.bin");
        StringAssert.Contains(log.Messages[1], "metrics.json");
    }

    [TestMethod]
    public void ARunWhoseArtifactsAreOnlyOnARemoteIsStillAHit()
    {
        using var folder = new TempFolder();
        var store = new RunStore(folder.Path);
        var recordOnly = Write(store, 1, Wanted);
        File.Delete(Path.Combine(store.Directory, recordOnly.RunId, "artifacts", "model.bin"));

        var log = new TestLog();
        Assert.AreEqual(recordOnly.RunId, RunCache.Find(store, [Wanted], log).Single().Hit?.RunId);
        Assert.IsEmpty(log.Messages);
    }

    [TestMethod]
    public void AnEmptyOrMissingStoreHasNoHits()
    {
        using var folder = new TempFolder();
        Assert.IsNull(Find(new RunStore(Path.Combine(folder.Path, "none")), Wanted).Hit);
    }

    [TestMethod]
    public void EachKeyGetsItsOwnAnswer()
    {
        using var folder = new TempFolder();
        var store = new RunStore(folder.Path);
        var other = Wanted with { Experiment = "other" };
        var otherRun = Write(store, 1, other);

        var answers = RunCache.Find(store, [Wanted, other], new TestLog());
        Assert.IsNull(answers[0].Hit);
        Assert.AreEqual(otherRun.RunId, answers[1].Hit?.RunId);
    }

    private static RunCacheAnswer Find(RunStore store, RunCacheKey key) => RunCache.Find(store, [key], new TestLog()).Single();

    /// <summary>A finished run folder as Train leaves it: config, metrics, a model and run.json with the key.</summary>
    private static RunRecord Write(RunStore store, int minute, RunCacheKey key, Func<RunRecord, RunRecord>? change = null)
    {
        var id = RunId.New(DateTimeOffset.UnixEpoch.AddYears(56).AddMinutes(minute));
        var folder = Directory.CreateDirectory(Path.Combine(store.Directory, id)).FullName;
        File.WriteAllText(Path.Combine(folder, RunFiles.Config), "{}");
        File.WriteAllText(Path.Combine(folder, RunFiles.Metrics), "{\"accuracy\": 0.9}");
        Directory.CreateDirectory(Path.Combine(folder, "artifacts"));
        File.WriteAllText(Path.Combine(folder, "artifacts", "model.bin"), "model");
        var record = TestRecords.Completed(key.Experiment) with
        {
            RunId = id,
            Artifacts = FileFingerprint.Of(folder, ["artifacts"]),
            Files = new RecordFiles(FileHash.Sha256(Path.Combine(folder, RunFiles.Config)), FileHash.Sha256(Path.Combine(folder, RunFiles.Metrics))),
            CacheKey = key.Sha256(),
            CacheInputs = key,
        };
        record = change?.Invoke(record) ?? record;
        RecordJson.WriteRecord(Path.Combine(folder, RunFiles.Run), record);
        return record;
    }
}
