namespace Repro.Learn.Tests;

[TestClass]
public sealed class MetricsTests
{
    // Values checked with scikit-learn 1.2.1: accuracy_score, f1_score(average="macro"), log_loss.
    private static readonly int[] Truth = [0, 0, 1, 1, 2, 2, 2];
    private static readonly int[] Predicted = [0, 1, 1, 1, 2, 0, 2];

    [TestMethod]
    public void AccuracyCountsMatches() => Assert.AreEqual(5.0 / 7, Metrics.Accuracy(Truth, Predicted), 1e-15);

    [TestMethod]
    public void MacroF1AveragesPerClassScores()
    {
        // F1: class 0 = 2·1/(2+2) = 0.5, class 1 = 2·2/(2+3) = 0.8, class 2 = 2·2/(3+2) = 0.8.
        Assert.AreEqual((0.5 + 0.8 + 0.8) / 3, Metrics.MacroF1(Truth, Predicted, 3), 1e-15);
    }

    [TestMethod]
    public void MacroF1IgnoresClassesAbsentFromTruthAndPredictions()
    {
        Assert.AreEqual(1.0, Metrics.MacroF1([0, 1], [0, 1], 5), 1e-15);
    }

    [TestMethod]
    public void LogLossIsTheMeanNegativeLogProbabilityOfTheTruth()
    {
        double[] probabilities = [0.8, 0.2, 0.3, 0.7, 1.0, 0.0];

        var loss = Metrics.LogLoss([0, 1, 1], probabilities, 2);

        var expected = -(Math.Log(0.8) + Math.Log(0.7) + Math.Log(2.220446049250313e-16)) / 3;
        Assert.AreEqual(expected, loss, 1e-12);
    }

    [TestMethod]
    public void ACertainWrongPredictionCostsMinusLnEpsilonNotInfinity()
    {
        // Truth 0 predicted with probability 0 (and the other class with 1): clipped to ε = 2^-52 and 1 − ε, whose sum
        // is 1, the loss is −ln 2^-52 = 52·ln 2, finite.
        var loss = Metrics.LogLoss([0], [0.0, 1.0], 2);

        Assert.IsTrue(double.IsFinite(loss));
        Assert.AreEqual(52 * Math.Log(2), loss, 1e-12);
    }

    [TestMethod]
    public void ACertainRightPredictionCostsAlmostNothingButNotLessThanZero()
    {
        // Probability 1 is clipped to 1 − ε: a loss of −ln(1 − 2^-52) ≈ 2^-52, never negative and never NaN.
        var loss = Metrics.LogLoss([1, 0], [0.0, 1.0, 1.0, 0.0], 2);

        Assert.AreEqual(-Math.Log(1 - Math.Pow(2, -52)), loss, 1e-30);
        Assert.IsGreaterThan(0.0, loss);
    }

    [TestMethod]
    public void ClippedRowsAreRenormalisedBeforeTheLog()
    {
        // A row of zeros becomes ε, ε, ε: each class has 1/3. A row summing to 0.5 is scaled to sum to 1.
        var loss = Metrics.LogLoss([2, 0], [0.0, 0.0, 0.0, 0.1, 0.3, 0.1], 3);

        Assert.AreEqual((Math.Log(3) + Math.Log(5)) / 2, loss, 1e-12);
    }

    [TestMethod]
    public void ConfusionMatrixCountsPairs()
    {
        var matrix = new ConfusionMatrix(Truth, Predicted, 3);

        Assert.AreEqual(1, matrix[0, 0]);
        Assert.AreEqual(1, matrix[0, 1]);
        Assert.AreEqual(1, matrix[2, 0]);
        Assert.AreEqual(3, matrix.ActualCount(2));
        Assert.AreEqual(3, matrix.PredictedCount(1));
        Assert.AreEqual(7, matrix.ToArray().Sum(row => row.Sum()));
    }

    [TestMethod]
    public void EvaluationJsonIsStableAndCarriesEveryMetric()
    {
        var (_, split) = TestFiles.ReferenceSplit("iris");
        var model = new RandomForest { Trees = 10, Seed = 1 }.Fit(split.Train);

        var first = Evaluation.Of(model, split.Test);
        var json = first.ToJson();

        Assert.AreEqual(json, Evaluation.Of(ModelFile.Load(new MemoryStream(SyntheticData.Bytes(model))), split.Test).ToJson());
        using var parsed = System.Text.Json.JsonDocument.Parse(json);
        Assert.AreEqual(first.Accuracy, parsed.RootElement.GetProperty("accuracy").GetDouble());
        Assert.AreEqual(first.LogLoss, parsed.RootElement.GetProperty("logLoss").GetDouble());
        Assert.AreEqual(3, parsed.RootElement.GetProperty("confusionMatrix").GetArrayLength());
        Assert.AreEqual(30, parsed.RootElement.GetProperty("rows").GetInt32());
    }

    [TestMethod]
    public void EvaluationRefusesDataWithOtherClasses()
    {
        var (_, split) = TestFiles.ReferenceSplit("iris");
        var model = new RandomForest { Trees = 2 }.Fit(split.Train);
        var relabelled = new Dataset(split.Test.Values.ToArray(), split.Test.Labels.ToArray(), ["a", "b", "c"], split.Test.FeatureNames);

        Assert.AreEqual(ErrorCodes.ShapeMismatch, Assert.ThrowsExactly<InvalidOptionException>(() => Evaluation.Of(model, relabelled)).Code);
    }
}
