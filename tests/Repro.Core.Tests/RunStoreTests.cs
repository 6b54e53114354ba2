using Repro.Diagnostics;
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
}
