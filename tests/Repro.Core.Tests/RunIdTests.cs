using Repro.Runs;

namespace Repro.Core.Tests;

[TestClass]
public sealed class RunIdTests
{
    [TestMethod]
    public void IdsSortByStartTime()
    {
        var earlier = RunId.New(new DateTimeOffset(2026, 11, 22, 5, 15, 0, 999, TimeSpan.Zero));
        var later = RunId.New(new DateTimeOffset(2026, 11, 22, 5, 15, 1, 0, TimeSpan.Zero));
        Assert.IsLessThan(0, string.CompareOrdinal(earlier, later));
        StringAssert.StartsWith(earlier, "20261122-051500-999-");
    }

    [TestMethod]
    public void IdsOfTheSameMillisecondDrawTheirSuffixAtRandom()
    {
        // Six hex digits: 200 draws collide about once in 800 tries, so this asks for at least 195 distinct (a constant
        // or counter-less suffix fails; chance alone fails about once in 10^12). RunStore makes the ids it uses unique.
        var moment = DateTimeOffset.UtcNow;
        var ids = Enumerable.Range(0, 200).Select(_ => RunId.New(moment)).ToHashSet();
        Assert.IsGreaterThanOrEqualTo(195, ids.Count);
        Assert.IsTrue(ids.All(RunId.IsValid));
    }

    [TestMethod]
    public void RunsBegunInTheSameMillisecondGetDistinctFolders()
    {
        var root = Directory.CreateTempSubdirectory("repro-runid-");
        try
        {
            var store = new RunStore(root.FullName);
            var moment = DateTimeOffset.UtcNow;
            var ids = Enumerable.Range(0, 200).Select(_ => store.Begin(moment).Id).ToHashSet();
            Assert.HasCount(200, ids);
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [TestMethod]
    public void StartTimeIsWrittenInUtc()
    {
        var id = RunId.New(new DateTimeOffset(2026, 11, 22, 7, 0, 0, TimeSpan.FromHours(2)));
        StringAssert.StartsWith(id, "20261122-050000-000-");
    }

    [TestMethod]
    [DataRow("20261122-051500-123-3f9a1c", true)]
    [DataRow("../../x", false)]
    [DataRow("20261122-051500-123-3f9a1c/..", false)]
    [DataRow("20261122-051500-123-3F9A1C", false)]
    [DataRow("", false)]
    [DataRow(null, false)]
    public void OnlyTheExactShapeIsValid(string? text, bool valid) => Assert.AreEqual(valid, RunId.IsValid(text));
}
