// The ML.NET half of the sample: the same data, split and metrics as Repro.Learn's experiments, trained by ML.NET.
// Everything random takes the run's seed: the context (CreateMLContext) and every trainer with a Seed option of its own.
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.LightGbm;
using Repro;
using Repro.MLNet;

internal static class MLNetTraining
{
    public static readonly IReadOnlySet<string> Learners = new SortedSet<string>(StringComparer.Ordinal) { "sdca", "lightgbm" };

    public static void Train(ExperimentRun run, string learner)
    {
        var ml = run.CreateMLContext();
        var label = run.Param<string>("LabelColumn");
        var header = File.ReadLines(run.DataPath).First().Split(',');
        var features = header.Where(name => name != label).ToArray();
        var columns = header.Select((name, index) =>
            new TextLoader.Column(name, name == label ? DataKind.String : DataKind.Single, index)).ToArray();
        var data = ml.Data.LoadFromTextFile(run.DataPath, columns, separatorChar: ',', hasHeader: true);
        var split = run.TrainTestSplit(ml, data);

        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label", label)
            .Append(ml.Transforms.Concatenate("Features", features))
            .Append(ml.Transforms.NormalizeMinMax("Features"))
            .AppendCacheCheckpoint(ml)
            .Append(Trainer(run, ml, learner))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedSpecies", "PredictedLabel"));
        var model = pipeline.Fit(split.TrainSet);

        var metrics = ml.MulticlassClassification.Evaluate(model.Transform(split.TestSet));
        run.LogMetrics(metrics);
        run.SaveModel(ml, model, data.Schema, "model.zip");
        Console.WriteLine($"micro accuracy {metrics.MicroAccuracy:0.0000}, log loss {metrics.LogLoss:0.0000}");
    }

    private static IEstimator<ITransformer> Trainer(ExperimentRun run, MLContext ml, string learner) => learner switch
    {
        // Linear: stochastic dual coordinate ascent on the maximum-entropy loss; it takes the context's seed.
        "sdca" => ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options
        {
            MaximumNumberOfIterations = run.Param("MaxIterations", 100),
            L2Regularization = run.Param<float?>("L2", null),
        }),
        // Gradient-boosted trees: LightGBM's own seed comes from the run as well.
        _ => ml.MulticlassClassification.Trainers.LightGbm(new LightGbmMulticlassTrainer.Options
        {
            NumberOfIterations = run.Param("Trees", 50),
            NumberOfLeaves = run.Param("Leaves", 8),
            MinimumExampleCountPerLeaf = run.Param("MinLeaf", 5),
            LearningRate = run.Param("LearningRate", 0.1),
            Seed = run.TrainerSeed,
        }),
    };
}
