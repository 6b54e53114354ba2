using Microsoft.ML;

/// <summary>
/// The trainers measured, each with ML.NET's default options (tree ensembles: 100 trees) on the benchmark data:
/// binary trainers learn class 0 against the rest, regression trainers the class as a number, k-means 3 clusters,
/// and the "mc-" trainers the three classes, as Repro.Learn and scikit-learn do in bench/run.sh.
/// </summary>
internal sealed record Trainer(Func<MLContext, IEstimator<ITransformer>> Pipeline, Func<MLContext, IDataView, SortedDictionary<string, double>> Evaluate)
{
    private const string Binary = nameof(BenchData.Row.IsFirstClass);
    private const string Target = nameof(BenchData.Row.Target);
    private const string Features = nameof(BenchData.Row.Features);

    public static Trainer BinaryTrainer(Func<MLContext, IEstimator<ITransformer>> trainer) => new(trainer, (ml, scored) =>
    {
        var m = ml.BinaryClassification.EvaluateNonCalibrated(scored, Binary);
        return new() { ["accuracy"] = m.Accuracy, ["auc"] = m.AreaUnderRocCurve, ["f1_score"] = m.F1Score };
    });

    public static Trainer RegressionTrainer(Func<MLContext, IEstimator<ITransformer>> trainer) => new(trainer, (ml, scored) =>
    {
        var m = ml.Regression.Evaluate(scored, Target);
        return new() { ["r_squared"] = m.RSquared, ["rmse"] = m.RootMeanSquaredError };
    });

    public static Trainer MulticlassTrainer(Func<MLContext, IEstimator<ITransformer>> trainer) => new(
        ml => ml.Transforms.Conversion.MapValueToKey("Label", nameof(BenchData.Row.Class)).Append(trainer(ml)),
        (ml, scored) =>
        {
            var m = ml.MulticlassClassification.Evaluate(scored, "Label");
            return new() { ["accuracy"] = m.MicroAccuracy, ["log_loss"] = m.LogLoss };
        });

    public static Trainer ClusteringTrainer(Func<MLContext, IEstimator<ITransformer>> trainer) => new(trainer, (ml, scored) =>
    {
        var m = ml.Clustering.Evaluate(scored, featureColumnName: Features);
        return new() { ["average_distance"] = m.AverageDistance, ["davies_bouldin_index"] = m.DaviesBouldinIndex };
    });

    public static string BinaryLabel => Binary;

    public static string RegressionLabel => Target;

    public static string FeatureColumn => Features;
}

internal static class Trainers
{
    private static readonly SortedDictionary<string, Trainer> All = new(StringComparer.Ordinal)
    {
        ["sdca-logistic"] = Trainer.BinaryTrainer(ml => ml.BinaryClassification.Trainers.SdcaLogisticRegression(Trainer.BinaryLabel, Trainer.FeatureColumn)),
        ["lbfgs-logistic"] = Trainer.BinaryTrainer(ml => ml.BinaryClassification.Trainers.LbfgsLogisticRegression(Trainer.BinaryLabel, Trainer.FeatureColumn)),
        ["averaged-perceptron"] = Trainer.BinaryTrainer(ml => ml.BinaryClassification.Trainers.AveragedPerceptron(Trainer.BinaryLabel, Trainer.FeatureColumn)),
        ["sgd"] = Trainer.BinaryTrainer(ml => ml.BinaryClassification.Trainers.SgdCalibrated(Trainer.BinaryLabel, Trainer.FeatureColumn)),
        ["fasttree"] = Trainer.BinaryTrainer(ml => ml.BinaryClassification.Trainers.FastTree(Trainer.BinaryLabel, Trainer.FeatureColumn)),
        ["fastforest"] = Trainer.BinaryTrainer(ml => ml.BinaryClassification.Trainers.FastForest(Trainer.BinaryLabel, Trainer.FeatureColumn)),
        ["lightgbm"] = Trainer.BinaryTrainer(ml => ml.BinaryClassification.Trainers.LightGbm(Trainer.BinaryLabel, Trainer.FeatureColumn)),
        ["sdca-regression"] = Trainer.RegressionTrainer(ml => ml.Regression.Trainers.Sdca(Trainer.RegressionLabel, Trainer.FeatureColumn)),
        ["lbfgs-poisson"] = Trainer.RegressionTrainer(ml => ml.Regression.Trainers.LbfgsPoissonRegression(Trainer.RegressionLabel, Trainer.FeatureColumn)),
        ["kmeans"] = Trainer.ClusteringTrainer(ml => ml.Clustering.Trainers.KMeans(Trainer.FeatureColumn, numberOfClusters: 3)),
        ["mc-lbfgs"] = Trainer.MulticlassTrainer(ml => ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy("Label", Trainer.FeatureColumn)),
        ["mc-sdca"] = Trainer.MulticlassTrainer(ml => ml.MulticlassClassification.Trainers.SdcaMaximumEntropy("Label", Trainer.FeatureColumn)),
        ["mc-lightgbm"] = Trainer.MulticlassTrainer(ml => ml.MulticlassClassification.Trainers.LightGbm("Label", Trainer.FeatureColumn)),
        // One-versus-all forests: 32 leaves is what a depth-5 tree can have; 4,096 lets trees grow about as deep as the data allows.
        ["mc-fastforest-32"] = Trainer.MulticlassTrainer(ml => ml.MulticlassClassification.Trainers.OneVersusAll(
            ml.BinaryClassification.Trainers.FastForest(numberOfLeaves: 32))),
        ["mc-fastforest-4096"] = Trainer.MulticlassTrainer(ml => ml.MulticlassClassification.Trainers.OneVersusAll(
            ml.BinaryClassification.Trainers.FastForest(numberOfLeaves: 4096))),
    };

    public static IReadOnlyCollection<string> Names => All.Keys;

    public static Trainer Get(string name) => All[name];
}
