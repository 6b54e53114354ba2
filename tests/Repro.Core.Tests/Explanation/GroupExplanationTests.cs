using Repro.Explanation;
using Repro.Groups;

namespace Repro.Core.Tests.Explanation;

[TestClass]
public sealed class GroupExplanationTests
{
    [TestMethod]
    public void RunsArePairedBySeedThenInPlanOrder()
    {
        var pairs = Pairing.Of(new long[] { 1, 2, 3, 4 }, new long[] { 9, 3, 1, 8, 7 }, s => s);

        CollectionAssert.AreEqual(new[] { (1L, 1L), (2L, 9L), (3L, 3L), (4L, 8L) }, pairs.ToArray(), "7 has no partner and is left out");
    }

    [TestMethod]
    public void AnEffectWhoseIntervalHoldsZeroIsNoise()
    {
        Assert.IsTrue(GroupExplanation.IsCause(MetricSummary.Of("accuracy", [0.02, 0.03, 0.025])));
        Assert.IsFalse(GroupExplanation.IsCause(MetricSummary.Of("accuracy", [0.02, -0.03, 0.001])));
        Assert.IsTrue(GroupExplanation.IsCause(MetricSummary.Of("accuracy", [-0.01, -0.01])), "no spread: every seed moved the same");
        Assert.IsFalse(GroupExplanation.IsCause(MetricSummary.Of("accuracy", [0.0, 0.0])));
        Assert.IsTrue(GroupExplanation.IsCause(MetricSummary.Of("accuracy", [0.01])), "one pair: no interval, so any change counts");
    }
}
