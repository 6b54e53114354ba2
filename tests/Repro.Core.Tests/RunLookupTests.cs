using Repro.Diagnostics;
using Repro.Reproduction;
using Repro.Runs;

namespace Repro.Core.Tests;

[TestClass]
public sealed class RunLookupTests
{
    [TestMethod]
    public void FindsARecordedRun()
    {
        using var folder = new TempFolder();
        var store = new RunStore(folder.Path);
        var run = store.Complete(store.Begin(DateTimeOffset.UtcNow));
        Assert.AreEqual(run, RunLookup.Find(store, Path.GetFileName(run)));
    }

    [TestMethod]
    [DataRow(null)]
    [DataRow("")]
    [DataRow("../../etc")]
    [DataRow("runs/20261122-051500-123-3f9a1c")]
    public void OnlyARunIdIsAccepted(string? runId)
    {
        using var folder = new TempFolder();
        Assert.AreEqual(ErrorCode.BadRunId, Assert.ThrowsExactly<ReproException>(() => RunLookup.Find(new RunStore(folder.Path), runId)).Code);
    }

    [TestMethod]
    public void AnUnknownIdNamesTheNearestOnes()
    {
        using var folder = new TempFolder();
        foreach (var id in new[] { "20261122-051500-123-3f9a1c", "20261122-051500-124-000000", "20250101-000000-000-ffffff", "20240101-000000-000-aaaaaa" })
        {
            Directory.CreateDirectory(Path.Combine(folder.Path, id));
        }

        var error = Assert.ThrowsExactly<ReproException>(() => RunLookup.Find(new RunStore(folder.Path), "20261122-051500-123-3f9a1d"));
        Assert.AreEqual(ErrorCode.UnknownRun, error.Code);
        StringAssert.Contains(error.Message, "The nearest ids: 20261122-051500-123-3f9a1c, 20261122-051500-124-000000");
        var listed = System.Text.RegularExpressions.Regex.Matches(error.Message.Split("nearest ids:")[1], @"\d{8}-\d{6}-\d{3}-[0-9a-f]{6}");
        Assert.HasCount(3, listed, "only the three nearest are listed");
    }

    [TestMethod]
    [DataRow("abc", "abc", 0)]
    [DataRow("abc", "abd", 1)]
    [DataRow("abc", "ab", 1)]
    [DataRow("", "abc", 3)]
    [DataRow("kitten", "sitting", 3)]
    public void DistanceCountsEdits(string a, string b, int distance) => Assert.AreEqual(distance, RunLookup.Distance(a, b));
}
