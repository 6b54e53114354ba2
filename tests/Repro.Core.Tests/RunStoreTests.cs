using Repro.Diagnostics;
using Repro.Records;
using Repro.Runs;

namespace Repro.Core.Tests;

[TestClass]
public sealed class RunStoreTests
{
    [TestMethod]
    public void ARunIsWrittenUnderATemporaryNameAndRenamedWhenComplete()
    {
        using var folder = new TempFolder();
        var store = new RunStore(Path.Combine(folder.Path, "runs"));
        var run = store.Begin(DateTimeOffset.UtcNow);

        Assert.IsTrue(RunId.IsValid(run.Id));
        Assert.IsTrue(Directory.Exists(run.Path));
        Assert.IsNull(store.Find(run.Id), "an unfinished run is not found under its id");

        var final = store.Complete(run);
        Assert.AreEqual(Path.Combine(store.Directory, run.Id), final);
        Assert.AreEqual(final, store.Find(run.Id));
        Assert.IsFalse(Directory.Exists(run.Path));
    }

    [TestMethod]
    public void RunsStartedAtTheSameMomentInParallelGetTheirOwnFolders()
    {
        using var folder = new TempFolder();
        var moment = DateTimeOffset.UtcNow;
        var ids = new string[64];
        Parallel.For(0, ids.Length, i => ids[i] = new RunStore(folder.Path).Begin(moment).Id);
        Assert.HasCount(ids.Length, ids.Distinct());
        Assert.HasCount(ids.Length, Directory.GetDirectories(folder.Path, "*.partial"));
    }

    [TestMethod]
    public void AnExistingRunIsNeverOverwritten()
    {
        using var folder = new TempFolder();
        var store = new RunStore(folder.Path);
        var run = store.Begin(DateTimeOffset.UtcNow);
        var existing = Directory.CreateDirectory(Path.Combine(store.Directory, run.Id)).FullName;
        File.WriteAllText(Path.Combine(existing, "run.json"), "recorded");

        var error = Assert.ThrowsExactly<ReproException>(() => store.Complete(run));
        Assert.AreEqual(ErrorCode.RunStoreUnwritable, error.Code);
        Assert.AreEqual("recorded", File.ReadAllText(Path.Combine(existing, "run.json")));
    }

    [TestMethod]
    public void AStoreThatCannotBeCreatedIsACodedError()
    {
        using var folder = new TempFolder();
        var file = folder.Write("not-a-folder", "x");
        var error = Assert.ThrowsExactly<ReproException>(() => new RunStore(Path.Combine(file, "runs")).Begin(DateTimeOffset.UtcNow));
        Assert.AreEqual(ErrorCode.RunStoreUnwritable, error.Code);
        StringAssert.Contains(error.Message, "ReproRunsDir");
    }

    [TestMethod]
    public void FindRefusesAnythingButARunId()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(Path.Combine(folder.Path, "runs", "x"));
        Assert.IsNull(new RunStore(Path.Combine(folder.Path, "runs")).Find("../runs/x"));
    }

    [TestMethod]
    public void TheStoreListsFinishedRunsAndGroupsByIdAndNothingElse()
    {
        using var folder = new TempFolder();
        var store = new RunStore(Path.Combine(folder.Path, "runs"));
        var first = store.Complete(store.Begin(DateTimeOffset.UnixEpoch.AddYears(56)));
        var second = store.Complete(store.Begin(DateTimeOffset.UnixEpoch.AddYears(57)));
        store.Begin(DateTimeOffset.UnixEpoch.AddYears(58)); // unfinished
        Directory.CreateDirectory(Path.Combine(store.Directory, "not-a-run"));
        Directory.CreateDirectory(store.StagingDirectory);
        var group = Directory.CreateDirectory(store.GroupFolder("20261122-051500-123-3f9a1c")).FullName;
        File.WriteAllText(Path.Combine(group, RunStore.GroupRecordFile), "{}");
        Directory.CreateDirectory(store.GroupFolder("20261122-051500-124-3f9a1c")); // no group.json: no group

        CollectionAssert.AreEqual(new[] { Path.GetFileName(first), Path.GetFileName(second) }, store.RunIds().ToArray(), "oldest first, finished only");
        CollectionAssert.AreEqual(new[] { "20261122-051500-123-3f9a1c" }, store.GroupIds().ToArray());
        Assert.HasCount(1, store.Partials());
        Assert.AreEqual(group, store.FindGroup("20261122-051500-123-3f9a1c"));
        Assert.IsNull(store.FindGroup("../groups"));
    }

    [TestMethod]
    public void ARecordIsReadByOneRuleThatSaysWhyThereIsNone()
    {
        using var folder = new TempFolder();
        var store = new RunStore(Path.Combine(folder.Path, "runs"));
        string Run(string? json)
        {
            var id = Path.GetFileName(store.Complete(store.Begin(DateTimeOffset.UtcNow)));
            if (json is not null)
            {
                File.WriteAllText(Path.Combine(store.Folder(id), RunFiles.Run), json);
            }

            return id;
        }

        var good = Run(null);
        RecordJson.WriteRecord(Path.Combine(store.Folder(good), RunFiles.Run), TestRecords.Completed() with { RunId = good });
        var other = Run(null);
        RecordJson.WriteRecord(Path.Combine(store.Folder(other), RunFiles.Run), TestRecords.Completed() with { RunId = good });
        var missing = Run(null);
        var garbage = Run("{\"runId\": ");

        Assert.AreEqual(good, store.Read(good).Require().RunId);
        foreach (var (id, why) in new[] { (other, "names another run"), (missing, "it has no run.json"), (garbage, "cannot be read") })
        {
            var stored = store.Read(id);
            Assert.IsNull(stored.Record, id);
            Assert.AreEqual(ErrorCode.DamagedRecord, stored.Problem!.Code);
            StringAssert.Contains(stored.Problem.Message, why);
            Assert.AreEqual(ErrorCode.DamagedRecord, Assert.ThrowsExactly<ReproException>(() => stored.Require()).Code);
        }
    }
}
