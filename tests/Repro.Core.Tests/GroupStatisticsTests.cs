using Repro.Groups;

namespace Repro.Core.Tests;

[TestClass]
public sealed class GroupStatisticsTests
{
    // Reference values computed by hand and checked with scipy 1.10 (stats.t.interval, stats.ttest_ind(equal_var=False)).
    private static readonly double[] Five = [0.90, 0.92, 0.94, 0.96, 0.98];
    private static readonly double[] Six = [0.88, 0.90, 0.93, 0.91, 0.89, 0.90];

    [TestMethod]
    public void TheSummaryIsTheMeanTheSampleDeviationAndStudentsInterval()
    {
        var summary = MetricSummary.Of("accuracy", Five);

        Assert.AreEqual(5, summary.Count);
        Assert.AreEqual(0.94, summary.Mean, 1e-15);
        Assert.AreEqual(0.031622776601683770, summary.StandardDeviation!.Value, 1e-15); // sqrt(0.004 / 4)
        Assert.AreEqual(0.90, summary.Min);
        Assert.AreEqual(0.98, summary.Max);
        Assert.AreEqual(0.9007351367704487, summary.ConfidenceLow!.Value, 1e-12);   // 0.94 - 2.776445 * 0.0316228 / sqrt 5
        Assert.AreEqual(0.9792648632295510, summary.ConfidenceHigh!.Value, 1e-12);
    }

    [TestMethod]
    public void OneValueHasNoSpreadAndNoInterval()
    {
        var summary = MetricSummary.Of("accuracy", [0.5]);

        Assert.AreEqual(0.5, summary.Mean);
        Assert.IsNull(summary.StandardDeviation);
        Assert.IsNull(summary.ConfidenceLow);
        Assert.ThrowsExactly<ArgumentException>(() => MetricSummary.Of("accuracy", []));
    }

    [TestMethod]
    public void WelchsTestMatchesTheReference()
    {
        Assert.AreEqual(0.05182893331869755, WelchTest.PValue(Five, Six)!.Value, 1e-9);
        Assert.AreEqual(WelchTest.PValue(Five, Six)!.Value, WelchTest.PValue(Six, Five)!.Value, 1e-15);
        Assert.AreEqual(1.0, WelchTest.PValue([1.0, 1.0], [1.0, 1.0]));
        Assert.AreEqual(0.0, WelchTest.PValue([1.0, 1.0], [2.0, 2.0]));
        Assert.IsNull(WelchTest.PValue([1.0], Six));
    }
}
