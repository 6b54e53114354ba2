using System.Globalization;
using Microsoft.ML.Data;

namespace Repro.MLNet;

/// <summary>
/// ML.NET's evaluation results logged as run metrics under stable snake_case names, always in the same order.
/// With a prefix, each name becomes <c>{prefix}_{name}</c> (for example <c>test_micro_accuracy</c>).
/// A NaN or infinite figure fails the run with REPRO2004, except the few that ML.NET sets to NaN (or 0) by design
/// when they were not computed; those are left out, as each overload says.
/// </summary>
public static class RunMetrics
{
    extension(ExperimentRun run)
    {
        /// <summary>
        /// Logs <c>micro_accuracy</c>, <c>macro_accuracy</c>, <c>log_loss</c>, <c>log_loss_reduction</c>, and
        /// <c>top_k_accuracy</c> when the evaluation asked for a top-K count.
        /// </summary>
        /// <param name="metrics">The result of <c>ml.MulticlassClassification.Evaluate</c>.</param>
        /// <param name="prefix">An optional prefix such as <c>test</c>.</param>
        /// <exception cref="ExperimentException">REPRO2006 for an empty or blank prefix; REPRO2004 for a non-finite figure.</exception>
        public void LogMetrics(MulticlassClassificationMetrics metrics, string? prefix = null)
        {
            ArgumentNullException.ThrowIfNull(metrics);
            var names = MetricNames.For(run, prefix);
            names.Log("micro_accuracy", metrics.MicroAccuracy);
            names.Log("macro_accuracy", metrics.MacroAccuracy);
            names.Log("log_loss", metrics.LogLoss);
            names.Log("log_loss_reduction", metrics.LogLossReduction);
            if (metrics.TopKPredictionCount > 0)
            {
                names.Log("top_k_accuracy", metrics.TopKAccuracy);
            }
        }

        /// <summary>
        /// Logs <c>accuracy</c>, <c>auc</c>, <c>auprc</c>, <c>f1_score</c>, <c>positive_precision</c>,
        /// <c>positive_recall</c>, <c>negative_precision</c> and <c>negative_recall</c>; for
        /// <see cref="CalibratedBinaryClassificationMetrics"/> also <c>log_loss</c>, <c>log_loss_reduction</c> and <c>entropy</c>.
        /// ML.NET itself refuses to evaluate a test set with one class (AUC is not defined), so no figure here is NaN by design.
        /// </summary>
        /// <param name="metrics">The result of <c>ml.BinaryClassification.Evaluate</c> or <c>EvaluateNonCalibrated</c>.</param>
        /// <param name="prefix">An optional prefix such as <c>test</c>.</param>
        /// <exception cref="ExperimentException">REPRO2006 for an empty or blank prefix; REPRO2004 for a non-finite figure.</exception>
        public void LogMetrics(BinaryClassificationMetrics metrics, string? prefix = null)
        {
            ArgumentNullException.ThrowIfNull(metrics);
            var names = MetricNames.For(run, prefix);
            names.Log("accuracy", metrics.Accuracy);
            names.Log("auc", metrics.AreaUnderRocCurve);
            names.Log("auprc", metrics.AreaUnderPrecisionRecallCurve);
            names.Log("f1_score", metrics.F1Score);
            names.Log("positive_precision", metrics.PositivePrecision);
            names.Log("positive_recall", metrics.PositiveRecall);
            names.Log("negative_precision", metrics.NegativePrecision);
            names.Log("negative_recall", metrics.NegativeRecall);
            if (metrics is CalibratedBinaryClassificationMetrics calibrated)
            {
                names.Log("log_loss", calibrated.LogLoss);
                names.Log("log_loss_reduction", calibrated.LogLossReduction);
                names.Log("entropy", calibrated.Entropy);
            }
        }

        /// <inheritdoc cref="extension(ExperimentRun).LogMetrics(BinaryClassificationMetrics, string?)"/>
        public void LogMetrics(CalibratedBinaryClassificationMetrics metrics, string? prefix = null) =>
            run.LogMetrics((BinaryClassificationMetrics)metrics, prefix);

        /// <summary>
        /// Logs <c>mae</c>, <c>mse</c>, <c>rmse</c>, <c>r_squared</c> and <c>loss</c>.
        /// <c>r_squared</c> is left out when ML.NET reports it as NaN, which it does on purpose when the test labels
        /// are all equal (R² is not defined there).
        /// </summary>
        /// <param name="metrics">The result of <c>ml.Regression.Evaluate</c>.</param>
        /// <param name="prefix">An optional prefix such as <c>test</c>.</param>
        /// <exception cref="ExperimentException">REPRO2006 for an empty or blank prefix; REPRO2004 for a non-finite figure.</exception>
        public void LogMetrics(RegressionMetrics metrics, string? prefix = null)
        {
            ArgumentNullException.ThrowIfNull(metrics);
            var names = MetricNames.For(run, prefix);
            names.Log("mae", metrics.MeanAbsoluteError);
            names.Log("mse", metrics.MeanSquaredError);
            names.Log("rmse", metrics.RootMeanSquaredError);
            names.LogIfDefined("r_squared", metrics.RSquared);
            names.Log("loss", metrics.LossFunction);
        }

        /// <summary>
        /// Logs <c>average_distance</c>, <c>davies_bouldin_index</c> and <c>normalized_mutual_information</c>.
        /// <c>davies_bouldin_index</c> is left out when it is 0, which is what ML.NET reports when <c>Evaluate</c> was given
        /// no feature column and did not compute it (a true index of 0 needs every point on its centroid).
        /// <c>normalized_mutual_information</c> is left out when it is NaN, which is what ML.NET reports when
        /// <c>Evaluate</c> was given no label column, or the labels have one class.
        /// </summary>
        /// <param name="metrics">The result of <c>ml.Clustering.Evaluate</c>.</param>
        /// <param name="prefix">An optional prefix such as <c>test</c>.</param>
        /// <exception cref="ExperimentException">REPRO2006 for an empty or blank prefix; REPRO2004 for a non-finite figure.</exception>
        public void LogMetrics(ClusteringMetrics metrics, string? prefix = null)
        {
            ArgumentNullException.ThrowIfNull(metrics);
            var names = MetricNames.For(run, prefix);
            names.Log("average_distance", metrics.AverageDistance);
            if (metrics.DaviesBouldinIndex != 0)
            {
                names.Log("davies_bouldin_index", metrics.DaviesBouldinIndex);
            }

            names.LogIfDefined("normalized_mutual_information", metrics.NormalizedMutualInformation);
        }

        /// <summary>
        /// Logs <c>ndcg@1</c> … <c>ndcg@k</c>, then <c>dcg@1</c> … <c>dcg@k</c>, where k is the evaluation's truncation
        /// level (the length of ML.NET's lists, 10 by default).
        /// </summary>
        /// <param name="metrics">The result of <c>ml.Ranking.Evaluate</c>.</param>
        /// <param name="prefix">An optional prefix such as <c>test</c>.</param>
        /// <exception cref="ExperimentException">REPRO2006 for an empty or blank prefix; REPRO2004 for a non-finite figure.</exception>
        public void LogMetrics(RankingMetrics metrics, string? prefix = null)
        {
            ArgumentNullException.ThrowIfNull(metrics);
            var names = MetricNames.For(run, prefix);
            LogAtEachLevel(names, "ndcg", metrics.NormalizedDiscountedCumulativeGains);
            LogAtEachLevel(names, "dcg", metrics.DiscountedCumulativeGains);
        }
    }

    private static void LogAtEachLevel(MetricNames names, string metric, IReadOnlyList<double> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            names.Log(metric + "@" + (i + 1).ToString(CultureInfo.InvariantCulture), values[i]);
        }
    }
}
