using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Repro.MLNet.Tests;

[TestClass]
public sealed class MetricsTests
{
    [TestMethod]
    public void MulticlassLogsItsFourFiguresAndTopKWhenAskedFor()
    {
        using var run = TestRun.Open();
        var ml = run.Run.CreateMLContext();
        var plain = Models.MulticlassMetrics(ml, run.Run);
        var topK = Models.MulticlassMetrics(ml, run.Run, topK: 2);

        run.Run.LogMetrics(plain);
        run.Run.LogMetrics(topK, "top");

        AssertLogged(run,
            ("micro_accuracy", plain.MicroAccuracy),
            ("macro_accuracy", plain.MacroAccuracy),
            ("log_loss", plain.LogLoss),
            ("log_loss_reduction", plain.LogLossReduction),
            ("top_micro_accuracy", topK.MicroAccuracy),
            ("top_macro_accuracy", topK.MacroAccuracy),
            ("top_log_loss", topK.LogLoss),
            ("top_log_loss_reduction", topK.LogLossReduction),
            ("top_top_k_accuracy", topK.TopKAccuracy));
        Assert.IsGreaterThan(0.5, plain.MicroAccuracy, "the model should have learnt something");
    }

    [TestMethod]
    public void BinaryLogsItsEightFigures()
    {
        using var run = TestRun.Open();
        var ml = run.Run.CreateMLContext();
        var metrics = Models.BinaryMetrics(ml, run.Run);
        Assert.IsNotInstanceOfType<CalibratedBinaryClassificationMetrics>(metrics);

        run.Run.LogMetrics(metrics, "test");

        AssertLogged(run,
            ("test_accuracy", metrics.Accuracy),
            ("test_auc", metrics.AreaUnderRocCurve),
            ("test_auprc", metrics.AreaUnderPrecisionRecallCurve),
            ("test_f1_score", metrics.F1Score),
            ("test_positive_precision", metrics.PositivePrecision),
            ("test_positive_recall", metrics.PositiveRecall),
            ("test_negative_precision", metrics.NegativePrecision),
            ("test_negative_recall", metrics.NegativeRecall));
    }

    [TestMethod]
    public void CalibratedBinaryAddsLogLossAndEntropy()
    {
        using var run = TestRun.Open();
        using var viaBase = TestRun.Open();
        var ml = run.Run.CreateMLContext();
        var metrics = Models.CalibratedBinaryMetrics(ml, run.Run);

        run.Run.LogMetrics(metrics);
        viaBase.Run.LogMetrics((BinaryClassificationMetrics)metrics);

        AssertLogged(run,
            ("accuracy", metrics.Accuracy),
            ("auc", metrics.AreaUnderRocCurve),
            ("auprc", metrics.AreaUnderPrecisionRecallCurve),
            ("f1_score", metrics.F1Score),
            ("positive_precision", metrics.PositivePrecision),
            ("positive_recall", metrics.PositiveRecall),
            ("negative_precision", metrics.NegativePrecision),
            ("negative_recall", metrics.NegativeRecall),
            ("log_loss", metrics.LogLoss),
            ("log_loss_reduction", metrics.LogLossReduction),
            ("entropy", metrics.Entropy));
        Assert.AreEqual(run.MetricsJson, viaBase.MetricsJson, "a calibrated result seen as its base type logs the same");
    }

    [TestMethod]
    public void RegressionLogsItsFiveFigures()
    {
        using var run = TestRun.Open();
        var ml = run.Run.CreateMLContext();
        var metrics = Models.RegressionMetrics(ml, run.Run);

        run.Run.LogMetrics(metrics, "test");

        AssertLogged(run,
            ("test_mae", metrics.MeanAbsoluteError),
            ("test_mse", metrics.MeanSquaredError),
            ("test_rmse", metrics.RootMeanSquaredError),
            ("test_r_squared", metrics.RSquared),
            ("test_loss", metrics.LossFunction));
    }

    [TestMethod]
    public void RegressionLeavesOutRSquaredThatMLNetDoesNotDefine()
    {
        using var run = TestRun.Open();
        var ml = run.Run.CreateMLContext();
        // All labels equal: R² has no variance to explain, and ML.NET reports NaN on purpose.
        var scored = ml.Data.LoadFromEnumerable(new[]
        {
            new ScoredRow { Label = 1, Score = 0.5f },
            new ScoredRow { Label = 1, Score = 1.5f },
            new ScoredRow { Label = 1, Score = 1f },
        });
        var metrics = ml.Regression.Evaluate(scored);
        Assert.IsTrue(double.IsNaN(metrics.RSquared));

        run.Run.LogMetrics(metrics);

        AssertLogged(run,
            ("mae", metrics.MeanAbsoluteError),
            ("mse", metrics.MeanSquaredError),
            ("rmse", metrics.RootMeanSquaredError),
            ("loss", metrics.LossFunction));
    }

    [TestMethod]
    public void ClusteringLogsItsThreeFigures()
    {
        using var run = TestRun.Open();
        var ml = run.Run.CreateMLContext();
        var metrics = Models.ClusteringMetrics(ml, run.Run);

        run.Run.LogMetrics(metrics, "test");

        AssertLogged(run,
            ("test_average_distance", metrics.AverageDistance),
            ("test_davies_bouldin_index", metrics.DaviesBouldinIndex),
            ("test_normalized_mutual_information", metrics.NormalizedMutualInformation));
    }

    [TestMethod]
    public void ClusteringLeavesOutWhatEvaluateWasNotGivenTheColumnsFor()
    {
        using var run = TestRun.Open();
        var ml = run.Run.CreateMLContext();
        var metrics = Models.ClusteringMetrics(ml, run.Run, withLabelAndFeatures: false);
        Assert.IsTrue(double.IsNaN(metrics.NormalizedMutualInformation));
        Assert.AreEqual(0, metrics.DaviesBouldinIndex);

        run.Run.LogMetrics(metrics);

        AssertLogged(run, ("average_distance", metrics.AverageDistance));
    }

    [TestMethod]
    public void RankingLogsNdcgThenDcgAtEveryLevel()
    {
        using var run = TestRun.Open();
        var ml = run.Run.CreateMLContext();
        var metrics = Models.RankingMetrics(ml, truncationLevel: 3);
        Assert.HasCount(3, metrics.NormalizedDiscountedCumulativeGains);

        run.Run.LogMetrics(metrics, "test");

        AssertLogged(run,
            ("test_ndcg@1", metrics.NormalizedDiscountedCumulativeGains[0]),
            ("test_ndcg@2", metrics.NormalizedDiscountedCumulativeGains[1]),
            ("test_ndcg@3", metrics.NormalizedDiscountedCumulativeGains[2]),
            ("test_dcg@1", metrics.DiscountedCumulativeGains[0]),
            ("test_dcg@2", metrics.DiscountedCumulativeGains[1]),
            ("test_dcg@3", metrics.DiscountedCumulativeGains[2]));
        Assert.IsLessThan(1.0, metrics.NormalizedDiscountedCumulativeGains[0], "the hand-made scorer is imperfect");
    }

    [TestMethod]
    public void RankingLogsAsManyLevelsAsTheEvaluationHas()
    {
        using var run = TestRun.Open();
        var metrics = Models.RankingMetrics(run.Run.CreateMLContext(), truncationLevel: 10);

        run.Run.LogMetrics(metrics);

        Assert.HasCount(20, run.Run.Metrics);
        Assert.IsTrue(run.Run.Metrics.ContainsKey("ndcg@10"));
        Assert.IsTrue(run.Run.Metrics.ContainsKey("dcg@10"));
    }

    [TestMethod]
    [DataRow("")]
    [DataRow(" ")]
    [DataRow("my test")]
    [DataRow("test\t")]
    [DataRow("\ntest")]
    public void BadPrefixIsRepro2006AndLogsNothing(string prefix)
    {
        using var run = TestRun.Open();
        var ml = run.Run.CreateMLContext();
        var regression = Models.RegressionMetrics(ml, run.Run);
        var ranking = Models.RankingMetrics(ml);

        var errors = new[]
        {
            Assert.ThrowsExactly<ExperimentException>(() => run.Run.LogMetrics(regression, prefix)),
            Assert.ThrowsExactly<ExperimentException>(() => run.Run.LogMetrics(ranking, prefix)),
        };

        Assert.IsTrue(errors.All(e => e.Code == "REPRO2006"), string.Join("; ", errors.Select(e => e.Message)));
        StringAssert.Contains(errors[0].Message, $"'{prefix}'");
        Assert.IsEmpty(run.Run.Metrics);
        Assert.IsFalse(File.Exists(Path.Combine(run.Folder, RunFiles.Metrics)));
    }

    [TestMethod]
    public void MetricsJsonDoesNotDependOnTheOrderOfLogging()
    {
        using var forward = TestRun.Open();
        using var backward = TestRun.Open();
        var ml = forward.Run.CreateMLContext();
        var multiclass = Models.MulticlassMetrics(ml, forward.Run);
        var regression = Models.RegressionMetrics(ml, forward.Run);
        var ranking = Models.RankingMetrics(ml);

        forward.Run.LogMetrics(multiclass, "train");
        forward.Run.LogMetrics(regression, "test");
        forward.Run.LogMetrics(ranking);
        backward.Run.LogMetrics(ranking);
        backward.Run.LogMetrics(regression, "test");
        backward.Run.LogMetrics(multiclass, "train");

        Assert.AreEqual(forward.MetricsJson, backward.MetricsJson);
    }

    [TestMethod]
    public void SameSeedGivesTheSameMetricsJson()
    {
        Assert.AreEqual(TrainAndLog(seed: 3), TrainAndLog(seed: 3));
    }

    private static string TrainAndLog(long seed)
    {
        using var run = TestRun.Open(seed);
        var ml = run.Run.CreateMLContext();
        run.Run.LogMetrics(Models.MulticlassMetrics(ml, run.Run), "test");
        run.Run.LogMetrics(Models.ClusteringMetrics(ml, run.Run), "test");
        return run.MetricsJson;
    }

    /// <summary>Exactly these metrics, in the run and in metrics.json, with exactly these values.</summary>
    private static void AssertLogged(TestRun run, params (string Name, double Value)[] expected)
    {
        var expectedNames = expected.Select(e => e.Name).Order(StringComparer.Ordinal).ToArray();
        CollectionAssert.AreEqual(expectedNames, run.Run.Metrics.Keys.Order(StringComparer.Ordinal).ToArray());

        var written = JsonSerializer.Deserialize<Dictionary<string, double>>(run.MetricsJson)!;
        foreach (var (name, value) in expected)
        {
            Assert.AreEqual(value, run.Run.Metrics[name], name);
            Assert.AreEqual(value, written[name], name);
        }

        Assert.HasCount(expected.Length, written);
    }

    public sealed class ScoredRow
    {
        public float Label { get; set; }
        public float Score { get; set; }
    }
}
