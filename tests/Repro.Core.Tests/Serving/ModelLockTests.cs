using Repro.Diagnostics;
using Repro.Serving;

namespace Repro.Core.Tests.Serving;

[TestClass]
public sealed class ModelLockTests : ServingFixture
{
    private string LockPath => Path.Combine(Folder.Path, "app", ModelLock.FileName);

    [TestMethod]
    public void AFirstBuildLocksEachReferenceWithWhereItGoesInTheOutput()
    {
        var (run, _) = Registered(1, "one");
        Promote(1);

        var outcome = ModelLockUpdate.Apply([Request("iris@production")], null, LockMode.Use);

        var entry = outcome.Lock.Models.Single();
        Assert.AreEqual(("iris@production", "iris", "production", 1, run.RunId, "artifacts/model.bin", run.Artifacts[0].Sha256, run.Artifacts[0].Bytes),
            (entry.Reference, entry.Name, entry.Alias, entry.Version, entry.RunId, entry.Artifact, entry.Sha256, entry.Bytes));
        Assert.AreEqual("models/iris@1/model.bin", entry.File);
        Assert.AreEqual($"iris@production: (not locked) → v1 (run {run.RunId}, sha256 {run.Artifacts[0].Sha256[..12]}…)", outcome.Changes.Single().ToString());
    }

    [TestMethod]
    public void AnAliasThatMovesMovesTheLockAtTheNextBuildAndFailsLockedModeUntilUpdateModels()
    {
        Registered(1, "one");
        var (two, _) = Registered(2, "two");
        Promote(1);
        var locked = ModelLockUpdate.Apply([Request("iris@production")], null, LockMode.Use).Lock;
        Assert.AreEqual(0, ModelLockUpdate.Apply([Request("iris@production")], locked, LockMode.Locked).Changes.Count, "locked mode accepts a lock that holds");
        Promote(2);

        var message = Mismatch([Request("iris@production")], locked);
        StringAssert.Contains(message, "its entry for iris@production no longer holds: iris@production is v2 in the registry now, and the lock says v1");
        StringAssert.Contains(message, "dotnet build -t:UpdateModels");

        foreach (var mode in new[] { LockMode.Use, LockMode.Update })
        {
            var moved = ModelLockUpdate.Apply([Request("iris@production")], locked, mode);
            Assert.AreEqual(2, moved.Lock.Models.Single().Version, mode.ToString());
            var change = moved.Changes.Single().ToString();
            StringAssert.StartsWith(change, "iris@production: v1 (run ");
            StringAssert.Contains(change, $"→ v2 (run {two.RunId}");
        }
    }

    [TestMethod]
    public void LockedModeFailsOnEveryMismatchAndNamesThemAll()
    {
        var (one, _) = Registered(1, "one");
        Registered(2, "two");
        var locked = ModelLockUpdate.Apply([Request("iris@1"), Request("iris@2")], null, LockMode.Use).Lock;

        StringAssert.Contains(Mismatch([Request("iris@1")], null), "there is no models.lock.json");
        StringAssert.Contains(Mismatch([Request("iris@1")], locked), "it locks iris@2, which the project no longer references");
        Registered(3, "three");
        StringAssert.Contains(Mismatch([Request("iris@1"), Request("iris@2"), Request("iris@3")], locked), "it has no entry for iris@3");
        var edited = locked with { Models = [.. locked.Models.Select(m => m.Version == 1 ? m with { RunId = "20261122-051500-123-000000" } : m)] };
        var message = Mismatch([Request("iris@1"), Request("iris@2")], edited);
        StringAssert.Contains(message, $"its entry for iris@1 no longer holds: v1 is run {one.RunId} in the registry, not 20261122-051500-123-000000");
        StringAssert.Contains(message, "dotnet build -t:UpdateModels");

        var repaired = ModelLockUpdate.Apply([Request("iris@1"), Request("iris@2")], edited, LockMode.Use);
        Assert.AreEqual(one.RunId, repaired.Lock.Find("iris@1")!.RunId, "outside locked mode an entry that no longer holds is resolved again");
        Assert.AreEqual(1, repaired.Changes.Count);
    }

    [TestMethod]
    public void AReferenceNoLongerMadeLeavesTheLockAndOneMadeTwiceIsAnError()
    {
        Registered(1, "one");
        Registered(2, "two");
        var locked = ModelLockUpdate.Apply([Request("iris@1"), Request("iris@2")], null, LockMode.Use).Lock;

        var outcome = ModelLockUpdate.Apply([Request("iris@2")], locked, LockMode.Use);
        Assert.AreEqual("iris@2", outcome.Lock.Models.Single().Reference);
        StringAssert.EndsWith(outcome.Changes.Single().ToString(), "→ (no longer referenced)");
        var twice = Assert.ThrowsExactly<ReproException>(() => ModelLockUpdate.Apply([Request("iris@2"), Request("iris@2")], locked, LockMode.Use));
        Assert.AreEqual(ErrorCode.BadModelReference, twice.Code);
    }

    [TestMethod]
    public void TheLockIsWrittenOnlyWhenItChangesAndReadStrictly()
    {
        Registered(1, "one");
        Registered(2, "two");
        Directory.CreateDirectory(Path.GetDirectoryName(LockPath)!);
        var locked = ModelLockUpdate.Apply([Request("iris@2"), Request("iris@1")], null, LockMode.Use).Lock;

        Assert.IsTrue(locked.Write(LockPath));
        var written = File.GetLastWriteTimeUtc(LockPath);
        File.SetLastWriteTimeUtc(LockPath, written.AddMinutes(-1));
        Assert.IsFalse(locked.Write(LockPath), "the same lock is not written again");
        Assert.AreEqual(written.AddMinutes(-1), File.GetLastWriteTimeUtc(LockPath));
        var read = ModelLock.Read(LockPath)!;
        CollectionAssert.AreEqual(new[] { "iris@1", "iris@2" }, read.Models.Select(m => m.Reference).ToArray(), "models by reference, whatever the project's order");
        Assert.AreEqual(locked.Find("iris@2")!.Resolved().ToString() + locked.Find("iris@2")!.File, read.Find("iris@2")!.Resolved().ToString() + read.Find("iris@2")!.File);
        Assert.IsNull(ModelLock.Read(Path.Combine(Folder.Path, "none.json")));

        File.WriteAllText(LockPath, File.ReadAllText(LockPath).Replace("\"version\": 1", "\"version\": 9", StringComparison.Ordinal));
        StringAssert.Contains(Assert.ThrowsExactly<ReproException>(() => ModelLock.Read(LockPath)).Message, "of version 9");
        File.WriteAllText(LockPath, "{\"version\": 1, \"models\": [], \"models\": []}");
        Assert.AreEqual(ErrorCode.ModelLockMismatch, Assert.ThrowsExactly<ReproException>(() => ModelLock.Read(LockPath)).Code);
    }

    private ModelRequest Request(string reference) => new(Ref(reference), Project);

    private static string Mismatch(IReadOnlyList<ModelRequest> requests, ModelLock? current)
    {
        var error = Assert.ThrowsExactly<ReproException>(() => ModelLockUpdate.Apply(requests, current, LockMode.Locked));
        Assert.AreEqual(ErrorCode.ModelLockMismatch, error.Code);
        return error.Message;
    }
}
