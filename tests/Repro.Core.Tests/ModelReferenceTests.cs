using Repro.Diagnostics;
using Repro.Registry;

namespace Repro.Core.Tests;

/// <summary>A model version is named one way everywhere: NAME@VERSION or NAME@ALIAS.</summary>
[TestClass]
public sealed class ModelReferenceTests
{
    [TestMethod]
    public void NameAtVersionOrAliasIsOneReference()
    {
        Assert.AreEqual(new ModelReference("iris-classifier", "production"), ModelReference.TryParse("iris-classifier@production"));
        Assert.AreEqual(new ModelReference("iris-classifier", "3"), ModelReference.TryParse(" iris-classifier@3 "));
        Assert.IsNull(ModelReference.TryParse("iris-classifier"));
        Assert.AreEqual("iris-classifier@3", new ModelReference("iris-classifier", "3").ToString());
    }

    [TestMethod]
    public void AnEmptySideIsACodedError()
    {
        Assert.AreEqual(ErrorCode.UnknownVersion, Assert.ThrowsExactly<ReproException>(() => ModelReference.TryParse("iris@")).Code);
        Assert.AreEqual(ErrorCode.BadModelName, Assert.ThrowsExactly<ReproException>(() => ModelReference.TryParse("@3")).Code);
        var none = Assert.ThrowsExactly<ReproException>(() => ModelReference.Parse("iris", null, new TestLog()));
        Assert.AreEqual(ErrorCode.UnknownVersion, none.Code);
        StringAssert.Contains(none.Message, "-p:Model=iris@3");
    }

    [TestMethod]
    public void TheFormOfEarlierReleasesStillWorksWithAWarningThatSaysTheNewOne()
    {
        var log = new TestLog();
        Assert.AreEqual(new ModelReference("iris", "production"), ModelReference.Parse("iris", "production", log));
        var warning = log.Warnings.Single();
        Assert.AreEqual("REPRO1008", warning.Code);
        StringAssert.Contains(warning.Message, "write -p:Model=iris@production");

        Assert.AreEqual(new ModelReference("iris", "3"), ModelReference.Parse("iris@3", "3", new TestLog()), "the same version twice is no conflict");
        Assert.AreEqual(ErrorCode.UnknownVersion, Assert.ThrowsExactly<ReproException>(() => ModelReference.Parse("iris@3", "production", new TestLog())).Code);
    }
}
