using Repro.Learn;

namespace Repro.Learn.Tests;

[TestClass]
public sealed class OptionsTests
{
    [TestMethod]
    public void AForestRecordsEveryOptionDefaultsIncluded()
    {
        var options = new RandomForest { Trees = 50, Seed = 7 }.Options();

        CollectionAssert.AreEqual(
            new[] { "Bootstrap", "MaxDegreeOfParallelism", "MaxDepth", "MaxFeatures", "MinSamplesLeaf", "Seed", "Trees" },
            options.Keys.ToArray());
        Assert.AreEqual("50", options["Trees"]);
        Assert.AreEqual("7", options["Seed"]);
        Assert.AreEqual("true", options["Bootstrap"], "a default is recorded too");
        Assert.AreEqual("1", options["MinSamplesLeaf"]);
        Assert.IsNull(options["MaxDepth"], "unlimited depth is null");
    }

    [TestMethod]
    public void NumbersAreInvariantAndRoundTrip()
    {
        var culture = Thread.CurrentThread.CurrentCulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            var options = new LogisticRegression { C = 0.1 + 0.2 }.Options();

            Assert.AreEqual("0.30000000000000004", options["C"]);
            Assert.AreEqual("0.0001", options["Tolerance"]);
            Assert.AreEqual("false", options["Standardize"]);
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = culture;
        }
    }

    [TestMethod]
    public void EveryLearnerListsEachOfItsPublicProperties()
    {
        foreach (var learner in new object[] { new RandomForest(), new DecisionTree(), new LogisticRegression() })
        {
            var properties = learner.GetType().GetProperties().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();
            var options = (IReadOnlyDictionary<string, string?>)learner.GetType().GetMethod("Options")!.Invoke(learner, null)!;
            CollectionAssert.AreEqual(properties, options.Keys.ToArray(), learner.GetType().Name);
        }
    }
}
