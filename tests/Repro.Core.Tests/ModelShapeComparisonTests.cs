using Repro.Comparison;
using Repro.Records;

namespace Repro.Core.Tests;

[TestClass]
public sealed class ModelShapeComparisonTests
{
    private static SortedDictionary<string, SortedDictionary<string, string?>> Trainer(string name, params (string Option, string? Value)[] options) =>
        new(StringComparer.Ordinal) { [name] = new(options.ToDictionary(o => o.Option, o => o.Value), StringComparer.Ordinal) };

    private static SortedDictionary<string, IReadOnlyList<PipelineStep>> Pipeline(params PipelineStep[] steps) =>
        new(StringComparer.Ordinal) { ["artifacts/model.zip"] = steps };

    private static readonly PipelineStep Concat = new("ColumnConcatenatingTransformer", ["TripDistance", "PassengerCount"], ["Features"]);
    private static readonly PipelineStep Normalize = new("NormalizingTransformer", ["TripDistance"], ["TripDistance"]);
    private static readonly PipelineStep Sdca = new("RegressionPredictionTransformer", ["Features"], ["Score"]) { Model = "LinearRegressionModelParameters" };

    [TestMethod]
    public void AChangedOptionIsNamedWithBothValues()
    {
        var before = TestRecords.Completed() with { Trainers = Trainer("Sdca", ("L2Regularization", "0.1"), ("MaximumNumberOfIterations", null)) };
        var after = TestRecords.Completed() with { Trainers = Trainer("Sdca", ("L2Regularization", "0.01"), ("MaximumNumberOfIterations", null)) };

        CollectionAssert.AreEqual(new[] { "trainer Sdca: L2Regularization 0.1 → 0.01" }, ModelShapeComparison.Describe(before, after).ToArray());
    }

    [TestMethod]
    public void ReproduceAndCompareNameTheChangedOptionAsAnInput()
    {
        var before = TestRecords.Completed() with { Trainers = Trainer("Sdca", ("L2Regularization", "0.1")) };
        var after = TestRecords.Completed() with { Trainers = Trainer("Sdca", ("L2Regularization", "0.01")) };

        var shape = Repro.Reproduction.RunComparison.Inputs(before, after).Single(i => i.Input == "model shape");

        Assert.IsTrue(shape.Changed);
        Assert.AreEqual("trainer Sdca: L2Regularization 0.1 → 0.01", shape.Detail);
        Assert.IsFalse(Repro.Reproduction.RunComparison.Inputs(before, before).Single(i => i.Input == "model shape").Changed);
        Assert.IsFalse(Repro.Reproduction.RunComparison.Inputs(TestRecords.Completed(), TestRecords.Completed()).Any(i => i.Input == "model shape"),
            "runs whose programs recorded no shape compare none");
        Assert.IsFalse(Repro.Reproduction.RunComparison.Inputs(TestRecords.Completed() with { SchemaVersion = 2 }, after).Any(i => i.Input == "model shape"),
            "a record from before schema 3 could not hold a shape");
    }

    [TestMethod]
    public void AnOptionOrTrainerOnOneSideOnlyIsShownAgainstNone()
    {
        var before = TestRecords.Completed() with { Trainers = Trainer("Sdca", ("Bias", "true")) };
        var after = TestRecords.Completed() with { Trainers = Trainer("Sdca", ("Shuffle", "false")) };

        CollectionAssert.AreEqual(new[] { "trainer Sdca: Bias true → (none)", "trainer Sdca: Shuffle (none) → false" }, ModelShapeComparison.Describe(before, after).ToArray());
        CollectionAssert.AreEqual(new[] { "trainer Sdca: Bias (none) → true" }, ModelShapeComparison.Describe(TestRecords.Completed(), before).ToArray());
    }

    [TestMethod]
    public void AStepAddedOrRemovedIsAnOrderedDiff()
    {
        var before = TestRecords.Completed() with { Pipelines = Pipeline(Concat, Sdca) };
        var after = TestRecords.Completed() with { Pipelines = Pipeline(Normalize, Concat, Sdca) };

        CollectionAssert.AreEqual(new[] { "pipeline: + Normalizing(TripDistance)" }, ModelShapeComparison.Describe(before, after).ToArray());
        CollectionAssert.AreEqual(new[] { "pipeline: - Normalizing(TripDistance)" }, ModelShapeComparison.Describe(after, before).ToArray());
    }

    [TestMethod]
    public void AReplacedStepIsARemovalThenAnAddition()
    {
        var other = Sdca with { Model = "PoissonRegressionModelParameters" };
        var before = TestRecords.Completed() with { Pipelines = Pipeline(Concat, Sdca) };
        var after = TestRecords.Completed() with { Pipelines = Pipeline(Concat, other) };

        CollectionAssert.AreEqual(new[] { "pipeline: - RegressionPrediction(Features) LinearRegressionModelParameters", "pipeline: + RegressionPrediction(Features) PoissonRegressionModelParameters" }, ModelShapeComparison.Describe(before, after).ToArray());
    }

    [TestMethod]
    public void RunsWithTheSameShapeOrNoneHaveNothingToSay()
    {
        var run = TestRecords.Completed() with { Trainers = Trainer("Sdca", ("Bias", "true")), Pipelines = Pipeline(Concat, Sdca) };

        Assert.AreEqual(0, ModelShapeComparison.Describe(run, run).Count);
        Assert.AreEqual(0, ModelShapeComparison.Describe(TestRecords.Completed(), TestRecords.Completed()).Count);
    }
}
