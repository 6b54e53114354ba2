using Repro.Records;
using Repro.Views;

namespace Repro.Core.Tests;

[TestClass]
public sealed class ModelShapeTextTests
{
    [TestMethod]
    public void DescribeShowsEachOptionAndEachPipelineInOrder()
    {
        var record = TestRecords.Completed() with
        {
            Trainers = new(StringComparer.Ordinal) { ["Sdca"] = new(StringComparer.Ordinal) { ["L2Regularization"] = "0.1", ["L1Regularization"] = null } },
            Pipelines = new(StringComparer.Ordinal)
            {
                ["artifacts/model.zip"] = [new PipelineStep("NormalizingTransformer", ["X"], ["X"]), new PipelineStep("RegressionPredictionTransformer", ["Features"], ["Score"]) { Model = "LinearRegressionModelParameters" }],
            },
        };

        CollectionAssert.AreEqual(
            new[]
            {
                "  trainer       Sdca: L1Regularization = null",
                "  trainer       Sdca: L2Regularization = 0.1",
                "  pipeline      artifacts/model.zip: Normalizing(X) → RegressionPrediction(Features) LinearRegressionModelParameters",
            },
            ModelShapeText.Lines(record).ToArray());
        Assert.AreEqual(0, ModelShapeText.Lines(TestRecords.Completed()).Count());
    }
}
