using Repro.Fingerprints;
using Repro.Records;
using Repro.Reproduction;

namespace Repro.Core.Tests;

[TestClass]
public sealed class RunComparisonTests
{
    [TestMethod]
    public void IdenticalRunsReproduce()
    {
        var verdict = RunComparison.Compare(Record(), Record(), ToleranceSpec.Standard);
        Assert.AreEqual(Verdict.Reproduced, verdict.Status);
        Assert.IsTrue(verdict.ModelIdentical);
        Assert.IsTrue(verdict.Inputs.All(i => !i.Changed));
    }

    [TestMethod]
    public void AMetricBeyondToleranceDivergesAndTheChangedDataIsNamed()
    {
        var now = Record(accuracy: 0.9, dataHash: new string('9', 64));
        var verdict = RunComparison.Compare(Record(), now, ToleranceSpec.Standard);

        Assert.AreEqual(Verdict.Diverged, verdict.Status);
        var accuracy = verdict.Metrics.Single(m => m.Name == "accuracy");
        Assert.IsFalse(accuracy.Ok);
        Assert.AreEqual(0.0666666666666667, accuracy.Difference!.Value, 1e-12);
        var data = verdict.Inputs.Single(i => i.Input == "data/iris.csv");
        Assert.IsTrue(data.Changed);
        StringAssert.Contains(VerdictReport.ChangedInputs(verdict), "data/iris.csv changed: sha256 dddddddddddd… → 999999999999…");
    }

    [TestMethod]
    public void AMetricMissingFromTheReproductionDiverges()
    {
        var now = Record() with { Metrics = new(StringComparer.Ordinal) { ["accuracy"] = 0.9666666666666667 } };
        var verdict = RunComparison.Compare(Record(), now, ToleranceSpec.Standard);
        Assert.AreEqual(Verdict.Diverged, verdict.Status);
        Assert.IsNull(verdict.Metrics.Single(m => m.Name == "log_loss").Reproduced);
    }

    [TestMethod]
    public void PerMetricToleranceDecides()
    {
        var verdict = RunComparison.Compare(Record(), Record(accuracy: 0.96), ToleranceSpec.Parse("accuracy=0.01", "test"));
        Assert.AreEqual(Verdict.Reproduced, verdict.Status);
    }

    [TestMethod]
    public void ADifferentModelIsReportedButMetricsDecide()
    {
        var now = Record() with { Artifacts = [new FileFingerprint("artifacts/model.bin", new string('0', 64), 10)] };
        var verdict = RunComparison.Compare(Record(), now, ToleranceSpec.Standard);
        Assert.AreEqual(Verdict.Reproduced, verdict.Status);
        Assert.IsFalse(verdict.ModelIdentical);
        CollectionAssert.AreEqual(new[] { "artifacts/model.bin" }, verdict.ChangedArtifacts.ToArray());
    }

    private static RunRecord Record(double accuracy = 0.9666666666666667, string? dataHash = null) => TestRecords.Completed() with
    {
        Metrics = new(StringComparer.Ordinal) { ["accuracy"] = accuracy, ["log_loss"] = 0.1 },
        Data = [new FileFingerprint("data/iris.csv", dataHash ?? new string('d', 64), 3858)],
    };
}
