using Microsoft.ML;
using Microsoft.ML.Runtime;

namespace Repro.MLNet.Tests;

[TestClass]
public sealed class SeedingTests
{
    [TestMethod]
    [DataRow(0L)]
    [DataRow(42L)]
    [DataRow(123456789L)]
    [DataRow((long)int.MaxValue)]
    public void SeedInIntRangePassesThrough(long seed)
    {
        using var run = TestRun.Open(seed);

        Assert.AreEqual((int)seed, run.Run.TrainerSeed);
    }

    [TestMethod]
    [DataRow(-1L)]
    [DataRow(int.MaxValue + 1L)]
    [DataRow(long.MinValue)]
    [DataRow(long.MaxValue)]
    public void OtherSeedsFoldToANonNegativeIntTheSameEveryTime(long seed)
    {
        using var first = TestRun.Open(seed);
        using var second = TestRun.Open(seed);

        Assert.IsGreaterThanOrEqualTo(0, first.Run.TrainerSeed);
        Assert.AreEqual(first.Run.TrainerSeed, second.Run.TrainerSeed);
    }

    [TestMethod]
    public void FoldedSeedsArePinnedBecauseRunsDependOnThem()
    {
        // SplitMix64 finaliser values, checked independently; changing the fold would silently change every run with such a seed.
        CollectionAssert.AreEqual(
            new[] { 1925954939, 594741506, 140016799, 2043586954 },
            new[] { -1L, -2L, int.MaxValue + 1L, long.MinValue }.Select(TrainerSeedOf).ToArray());
    }

    [TestMethod]
    public void NeighbouringOutOfRangeSeedsFoldApart()
    {
        var seeds = new[] { -1L, -2L, -3L, int.MaxValue + 1L, int.MaxValue + 2L, long.MinValue, long.MaxValue };

        var folded = seeds.Select(TrainerSeedOf).ToArray();

        Assert.HasCount(seeds.Length, folded.Distinct());
    }

    [TestMethod]
    public void SameSeedGivesTheSameSplitAsMLContextWithThatSeed()
    {
        using var run = TestRun.Open(seed: 7);
        var ml = run.Run.CreateMLContext();

        var split = run.Run.TrainTestSplit(ml, Iris.Load(ml));
        var plain = new MLContext(seed: 7);
        var expected = plain.Data.TrainTestSplit(Iris.Load(plain), testFraction: 0.2, seed: 7);

        CollectionAssert.AreEqual(RowKeys(expected.TestSet), RowKeys(split.TestSet));
        CollectionAssert.AreEqual(RowKeys(expected.TrainSet), RowKeys(split.TrainSet));
        Assert.AreEqual(150, RowKeys(split.TestSet).Length + RowKeys(split.TrainSet).Length);
    }

    [TestMethod]
    public void RecordingTheSplitDrawsNothingFromTheContextsRandom()
    {
        // A trainer without a seed of its own (SDCA's shuffle) draws from the context: recording the split must not move it.
        using var run = TestRun.Open(seed: 7);
        var ml = run.Run.CreateMLContext();
        var plain = new MLContext(seed: 7);

        run.Run.TrainTestSplit(ml, Iris.Load(ml));
        plain.Data.TrainTestSplit(Iris.Load(plain), testFraction: 0.2, seed: 7);

        Assert.AreEqual(NextDraw(plain), NextDraw(ml));
    }

    [TestMethod]
    public void SplitDependsOnTheSeedAndTheTestSize()
    {
        using var a = TestRun.Open(seed: 1);
        using var b = TestRun.Open(seed: 1);
        using var otherSeed = TestRun.Open(seed: 2);
        using var largerTest = TestRun.Open(seed: 1, testSize: 0.5);

        var testA = TestRows(a.Run);

        CollectionAssert.AreEqual(testA, TestRows(b.Run));
        CollectionAssert.AreNotEqual(testA, TestRows(otherSeed.Run));
        Assert.IsGreaterThan(testA.Length, TestRows(largerTest.Run).Length);
    }

    [TestMethod]
    public void FoldedSeedSplitsTheSameWayTwice()
    {
        using var a = TestRun.Open(seed: -5);
        using var b = TestRun.Open(seed: -5);

        CollectionAssert.AreEqual(TestRows(a.Run), TestRows(b.Run));
    }

    [TestMethod]
    public void SplitWithoutTestSizeIsRepro2001()
    {
        using var run = TestRun.Open(testSize: null);
        var ml = run.Run.CreateMLContext();

        var error = Assert.ThrowsExactly<ExperimentException>(() => run.Run.TrainTestSplit(ml, Iris.Load(ml)));

        Assert.AreEqual("REPRO2001", error.Code);
    }

    private static int TrainerSeedOf(long seed)
    {
        using var run = TestRun.Open(seed);
        return run.Run.TrainerSeed;
    }

    private static string[] TestRows(ExperimentRun run)
    {
        var ml = run.CreateMLContext();
        return RowKeys(run.TrainTestSplit(ml, Iris.Load(ml)).TestSet);
    }

    // Iris has duplicate rows: compare the rows in order, not as sets.
    private static string[] RowKeys(IDataView data)
    {
        var ml = new MLContext();
        return ml.Data.CreateEnumerable<IrisRow>(data, reuseRowObject: false)
            .Select(r => $"{r.SepalLength}|{r.SepalWidth}|{r.PetalLength}|{r.PetalWidth}|{r.Species}")
            .ToArray();
    }

    private static int NextDraw(MLContext ml) => ((IHostEnvironment)ml).Register("probe").Rand.Next();
}
