using Repro.Diagnostics;
using Repro.Experiments;

namespace Repro.Core.Tests;

[TestClass]
public sealed class ParamsOverrideTests
{
    [TestMethod]
    public void ReadsWhiteSpaceSeparatedPairs()
    {
        var parameters = ParamsOverride.Parse("  MaxDepth=3   Trees=50 ");
        CollectionAssert.AreEqual(new[] { "MaxDepth", "Trees" }, parameters.Keys.ToArray());
        Assert.AreEqual("3", parameters["MaxDepth"]);
        Assert.AreEqual("50", parameters["Trees"]);
    }

    [TestMethod]
    public void QuotedValuesKeepSpacesAndEqualsSigns()
    {
        var parameters = ParamsOverride.Parse("Label='species name' Filter=a=b Empty=''");
        Assert.AreEqual("species name", parameters["Label"]);
        Assert.AreEqual("a=b", parameters["Filter"]);
        Assert.AreEqual("", parameters["Empty"]);
    }

    [TestMethod]
    public void FormatIsReadBackUnchanged()
    {
        var original = ParamsOverride.Parse("B='x y' A=1 C=''");
        var again = ParamsOverride.Parse(ParamsOverride.Format(original));
        CollectionAssert.AreEqual(original.ToArray(), again.ToArray());
    }

    [TestMethod]
    [DataRow("Trees", "has no '='")]
    [DataRow("=3", "no name")]
    [DataRow("Label='open", "never closes")]
    [DataRow("Seed=7", "use -p:Seed")]
    public void BadTextIsACodedError(string text, string why)
    {
        var error = Assert.ThrowsExactly<ReproException>(() => ParamsOverride.Parse(text));
        Assert.AreEqual(ErrorCode.BadParamsOverride, error.Code);
        StringAssert.Contains(error.Message, why);
    }
}
