using Repro.Diagnostics;
using Repro.Reproduction;

namespace Repro.Core.Tests;

[TestClass]
public sealed class ToleranceTests
{
    [TestMethod]
    public void TheDefaultIsAbsoluteFloatingPointPrecision()
    {
        var spec = ToleranceSpec.Parse(null, "test");
        Assert.IsTrue(spec.For("accuracy").Allows(0.9, 0.9 + 1e-10));
        Assert.IsFalse(spec.For("accuracy").Allows(0.9, 0.9 + 1e-8));
    }

    [TestMethod]
    public void ADefaultAndPerMetricOverridesInAbsoluteAndRelativeForms()
    {
        var spec = ToleranceSpec.Parse("0.001 accuracy=0.01 log_loss=rel:0.1", "test");

        Assert.IsTrue(spec.For("macro_f1").Allows(0.5, 0.5009));
        Assert.IsFalse(spec.For("macro_f1").Allows(0.5, 0.502));
        Assert.IsTrue(spec.For("accuracy").Allows(0.9, 0.909));
        Assert.IsTrue(spec.For("log_loss").Allows(200, 219));
        Assert.IsFalse(spec.For("log_loss").Allows(200, 221));
        Assert.AreEqual("0.001 accuracy=0.01 log_loss=rel:0.1", spec.ToString());
        Assert.AreEqual(spec.ToString(), ToleranceSpec.Parse(spec.ToString(), "again").ToString());
    }

    [TestMethod]
    public void ZeroMeansBitForBit()
    {
        var exact = ToleranceSpec.Parse("0", "test").For("x");
        Assert.IsTrue(exact.Allows(0.1 + 0.2, 0.1 + 0.2));
        Assert.IsFalse(exact.Allows(0.3, 0.1 + 0.2));
    }

    [TestMethod]
    [DataRow("tight")]
    [DataRow("-1")]
    [DataRow("accuracy=rel:x")]
    [DataRow("=0.1")]
    [DataRow("NaN")]
    public void UnreadableTolerancesAreACodedError(string text) =>
        Assert.AreEqual(ErrorCode.BadTolerance, Assert.ThrowsExactly<ReproException>(() => ToleranceSpec.Parse(text, "test")).Code);
}
