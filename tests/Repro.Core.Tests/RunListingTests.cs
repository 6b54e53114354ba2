using Repro.Views;
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

    [TestMethod]
    public void ListsTheNewestRunsAndSaysHowManyOlderOnesItDidNotRead()
    {
        using var folder = new TempFolder();
        var store = new RunStore(Path.Combine(folder.Path, "runs"));
        var registry = new ModelRegistry(Path.Combine(folder.Path, "registry"));
        for (var i = 1; i <= 5; i++)
        {
            Write(store, TestRecords.Completed() with { RunId = $"20261122-05150{i}-000-aaaaa{i}" });
        }

        // An older run whose record is broken is never read, so it cannot slow or spoil the listing.
        Directory.CreateDirectory(Path.Combine(store.Directory, "20261122-000000-000-000000"));

        var text = RunListing.Render(store, registry, null, last: 2);

        StringAssert.Contains(text, "20261122-051505-000-aaaaa5");
        StringAssert.Contains(text, "20261122-051504-000-aaaaa4");
        Assert.IsFalse(text.Contains("aaaaa3", StringComparison.Ordinal));
        StringAssert.Contains(text, "… and 4 older runs, not read: -p:Last=0 lists every run");
        var all = RunListing.Render(store, registry, null, last: 0);
        StringAssert.Contains(all, "20261122-051501-000-aaaaa1");
        StringAssert.Contains(all, "unreadable run.json");
        Assert.IsFalse(all.Contains("older runs", StringComparison.Ordinal));
        Assert.AreEqual(RunListing.DefaultLast, RunListing.ParseLast(" "));
        Assert.AreEqual(0, RunListing.ParseLast("0"));
        Assert.AreEqual("REPRO0048", Assert.ThrowsExactly<Repro.Diagnostics.ReproException>(() => RunListing.ParseLast("-1")).Code);
    }

    private static void Write(RunStore store, RunRecord record)
    {
        var folder = Directory.CreateDirectory(Path.Combine(store.Directory, record.RunId)).FullName;
        RecordJson.WriteRecord(Path.Combine(folder, "run.json"), record);
    }
}
