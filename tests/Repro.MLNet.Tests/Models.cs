using Microsoft.ML;
using Microsoft.ML.Data;

namespace Repro.MLNet.Tests;

/// <summary>Tiny models trained on iris, and the ML.NET metrics of each kind, for the tests.</summary>
internal static class Models
{
    public static (ITransformer Model, IDataView Train, IDataView Test) Multiclass(MLContext ml, ExperimentRun run)
    {
        var split = run.TrainTestSplit(ml, Iris.Load(ml));
        var model = Iris.Featurize(ml)
            .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(maximumNumberOfIterations: 20))
            .Fit(split.TrainSet);
        return (model, split.TrainSet, split.TestSet);
    }

    public static (ITransformer Model, IDataView Train, IDataView Test) FastTreeBinary(MLContext ml, ExperimentRun run)
    {
        var split = run.TrainTestSplit(ml, Iris.LoadTwoClasses(ml));
        var model = ml.BinaryClassification.Trainers.FastTree(numberOfLeaves: 4, numberOfTrees: 10, minimumExampleCountPerLeaf: 5)
            .Fit(split.TrainSet);
        return (model, split.TrainSet, split.TestSet);
    }

    public static MulticlassClassificationMetrics MulticlassMetrics(MLContext ml, ExperimentRun run, int topK = 0)
    {
        var (model, _, test) = Multiclass(ml, run);
        return ml.MulticlassClassification.Evaluate(model.Transform(test), topKPredictionCount: topK);
    }

    public static CalibratedBinaryClassificationMetrics CalibratedBinaryMetrics(MLContext ml, ExperimentRun run)
    {
        var split = run.TrainTestSplit(ml, Iris.LoadTwoClasses(ml));
        var model = ml.BinaryClassification.Trainers.SdcaLogisticRegression(maximumNumberOfIterations: 20).Fit(split.TrainSet);
        return ml.BinaryClassification.Evaluate(model.Transform(split.TestSet));
    }

    public static BinaryClassificationMetrics BinaryMetrics(MLContext ml, ExperimentRun run)
    {
        var split = run.TrainTestSplit(ml, Iris.LoadTwoClasses(ml));
        var model = ml.BinaryClassification.Trainers.LinearSvm(numberOfIterations: 5).Fit(split.TrainSet);
        return ml.BinaryClassification.EvaluateNonCalibrated(model.Transform(split.TestSet));
    }

    /// <summary>Petal width from the other three measurements.</summary>
    public static RegressionMetrics RegressionMetrics(MLContext ml, ExperimentRun run)
    {
        var split = run.TrainTestSplit(ml, Iris.Load(ml));
        var model = ml.Transforms.Concatenate("Features",
                nameof(IrisRow.SepalLength), nameof(IrisRow.SepalWidth), nameof(IrisRow.PetalLength))
            .Append(ml.Transforms.CopyColumns("Label", nameof(IrisRow.PetalWidth)))
            .Append(ml.Regression.Trainers.Sdca(maximumNumberOfIterations: 20))
            .Fit(split.TrainSet);
        return ml.Regression.Evaluate(model.Transform(split.TestSet));
    }

    public static ClusteringMetrics ClusteringMetrics(MLContext ml, ExperimentRun run, bool withLabelAndFeatures = true)
    {
        var split = run.TrainTestSplit(ml, Iris.Load(ml));
        var model = Iris.Featurize(ml).Append(ml.Clustering.Trainers.KMeans(numberOfClusters: 3)).Fit(split.TrainSet);
        var scored = model.Transform(split.TestSet);
        return withLabelAndFeatures
            ? ml.Clustering.Evaluate(scored, labelColumnName: "Label", featureColumnName: "Features")
            : ml.Clustering.Evaluate(scored);
    }

    /// <summary>Three queries with graded relevance and a scorer that gets them partly right.</summary>
    public static RankingMetrics RankingMetrics(MLContext ml, int truncationLevel = 3)
    {
        var rows = new[]
        {
            new RankedRow { Query = "q1", Relevance = 3, Score = 0.9f },
            new RankedRow { Query = "q1", Relevance = 0, Score = 0.8f },
            new RankedRow { Query = "q1", Relevance = 2, Score = 0.1f },
            new RankedRow { Query = "q1", Relevance = 1, Score = 0.4f },
            new RankedRow { Query = "q2", Relevance = 0, Score = 0.7f },
            new RankedRow { Query = "q2", Relevance = 4, Score = 0.2f },
            new RankedRow { Query = "q2", Relevance = 1, Score = 0.5f },
            new RankedRow { Query = "q3", Relevance = 2, Score = 0.3f },
            new RankedRow { Query = "q3", Relevance = 2, Score = 0.6f },
            new RankedRow { Query = "q3", Relevance = 0, Score = 0.1f },
        };
        var data = ml.Transforms.Conversion.MapValueToKey("GroupId", nameof(RankedRow.Query))
            .Fit(ml.Data.LoadFromEnumerable(rows))
            .Transform(ml.Data.LoadFromEnumerable(rows));
        return ml.Ranking.Evaluate(data, new RankingEvaluatorOptions { DcgTruncationLevel = truncationLevel },
            labelColumnName: nameof(RankedRow.Relevance), rowGroupColumnName: "GroupId", scoreColumnName: nameof(RankedRow.Score));
    }

    public sealed class RankedRow
    {
        public string Query { get; set; } = "";
        public float Relevance { get; set; }
        public float Score { get; set; }
    }
}
