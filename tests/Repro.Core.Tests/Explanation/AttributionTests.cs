using Repro.Explanation;

namespace Repro.Core.Tests.Explanation;

[TestClass]
public sealed class AttributionTests
{
    private static readonly InputChange Data = new(ChangeKind.Data, "data/iris.csv", "data/iris.csv");
    private static readonly InputChange Trees = new(ChangeKind.Parameter, "Trees", "Trees 100 → 50") { Value = "50" };

    [TestMethod]
    public void EachEffectIsItsRunMinusTheBaselineAndTheRestIsInteraction()
    {
        var baseline = Metrics(0.9667);
        var b = Metrics(0.9333);
        var applied = new[] { new AppliedChange(Data, "r1", Metrics(0.9533)), new AppliedChange(Trees, "r2", Metrics(0.9467)) };

        Assert.AreEqual(-0.0134, Attribution.Effect(applied[0], baseline, "accuracy")!.Value, 1e-12);
        Assert.AreEqual(-0.0200, Attribution.Effect(applied[1], baseline, "accuracy")!.Value, 1e-12);
        Assert.AreEqual(0.0000, Attribution.Interaction(b, baseline, applied, "accuracy")!.Value, 1e-12);
    }

    [TestMethod]
    public void AChangeThatCouldNotBeAppliedFallsIntoWhatIsLeft()
    {
        var baseline = Metrics(0.9667);
        var applied = new[] { new AppliedChange(Data, "r1", Metrics(0.9533)), new AppliedChange(Trees, null, null) { Missing = "not applied" } };

        Assert.IsNull(Attribution.Effect(applied[1], baseline, "accuracy"));
        Assert.AreEqual(-0.0200, Attribution.Interaction(Metrics(0.9333), baseline, applied, "accuracy")!.Value, 1e-12);
        Assert.IsNull(Attribution.Interaction(Metrics(0.9333), baseline, applied, "log_loss"), "a metric B or the baseline lacks");
    }

    [TestMethod]
    public void SignedNumbersReadAtAGlance()
    {
        Assert.AreEqual("0", ExplanationReport.Signed(0));
        Assert.AreEqual("+0.0002", ExplanationReport.Signed(0.0002));
        Assert.AreEqual("−0.02212", ExplanationReport.Signed(-0.022121));
        Assert.AreEqual("—", ExplanationReport.Signed(null));
    }

    private static Dictionary<string, double> Metrics(double accuracy) => new(StringComparer.Ordinal) { ["accuracy"] = accuracy };
}
