using Repro.Records;
using Repro.Registry;
using Repro.Runs;

namespace Repro.Core.Tests;

[TestClass]
public sealed class RunListingTests
{
    [TestMethod]
    public void NewestFirstWithDirtyMarksModelVersionsAndUnreadableRecords()
    {
        using var folder = new TempFolder();
        var store = new RunStore(Path.Combine(folder.Path, "runs"));
        var registry = new ModelRegistry(Path.Combine(folder.Path, "registry"));
        Write(store, TestRecords.Completed() with { RunId = "20261122-051500-000-aaaaaa" });
        Write(store, TestRecords.Completed("other") with { RunId = "20261122-061500-000-bbbbbb", Git = new GitRecord(new string('b', 40), true, "main", null) });
        Directory.CreateDirectory(Path.Combine(store.Directory, "20261122-071500-000-cccccc"));
        File.WriteAllText(Path.Combine(store.Directory, "20261122-071500-000-cccccc", "run.json"), "{ broken");
        registry.Register("iris", n => new ModelVersion("iris", n, "20261122-051500-000-aaaaaa", "iris-forest", "runs/x", new(StringComparer.Ordinal), null, false, DateTimeOffset.UnixEpoch));
        registry.Promote("iris", 1, "production", DateTimeOffset.UnixEpoch);

        var lines = RunListing.Render(store, registry, null).Split('\n');

        StringAssert.Contains(lines[1], "20261122-071500-000-cccccc");
        StringAssert.Contains(lines[1], "unreadable run.json");
        StringAssert.Contains(lines[2], "bbbbbbb*");
        StringAssert.Contains(lines[3], "iris@1 (production)");
        StringAssert.Contains(lines[3], "accuracy=0.966667");
        Assert.IsFalse(RunListing.Render(store, registry, "other").Contains("aaaaaa", StringComparison.Ordinal));
    }

    private static void Write(RunStore store, RunRecord record)
    {
        var folder = Directory.CreateDirectory(Path.Combine(store.Directory, record.RunId)).FullName;
        RecordJson.WriteRecord(Path.Combine(folder, "run.json"), record);
    }
}
