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
        SavePredictions(run, model.Transform(split.TestSet), features, label);
        Console.WriteLine($"micro accuracy {metrics.MicroAccuracy:0.0000}, log loss {metrics.LogLoss:0.0000}");
    }

    // What the model predicted for each test row: a service serving this model must answer the same (samples/IrisService).
    private static void SavePredictions(ExperimentRun run, IDataView predicted, string[] features, string label)
    {
        VBuffer<ReadOnlyMemory<char>> slots = default;
        predicted.Schema["Score"].GetSlotNames(ref slots);
        var species = slots.DenseValues().Select(name => name.ToString()).ToArray();
        var columns = features.Append(label).Append("PredictedSpecies").Append("Score").Select(name => predicted.Schema[name]).ToArray();
        run.SaveArtifact("predictions.csv", stream =>
        {
            using var writer = new StreamWriter(stream, leaveOpen: true) { NewLine = "\n" };
            writer.WriteLine(string.Join(',', features.Append(label).Append("predicted").Concat(species.Select(s => "score_" + s))));
            using var cursor = predicted.GetRowCursor(columns);
            var values = features.Select(name => cursor.GetGetter<float>(predicted.Schema[name])).ToArray();
            var truth = cursor.GetGetter<ReadOnlyMemory<char>>(predicted.Schema[label]);
            var answer = cursor.GetGetter<ReadOnlyMemory<char>>(predicted.Schema["PredictedSpecies"]);
            var scores = cursor.GetGetter<VBuffer<float>>(predicted.Schema["Score"]);
            float value = 0;
            ReadOnlyMemory<char> text = default;
            VBuffer<float> score = default;
            while (cursor.MoveNext())
            {
                var cells = new List<string>();
                foreach (var get in values)
                {
                    get(ref value);
                    cells.Add(Text(value));
                }

                truth(ref text);
                cells.Add(text.ToString());
                answer(ref text);
                cells.Add(text.ToString());
                scores(ref score);
                cells.AddRange(score.DenseValues().Select(Text));
                writer.WriteLine(string.Join(',', cells));
            }
        });
    }

    private static string Text(float value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    private static IEstimator<ITransformer> Trainer(ExperimentRun run, MLContext ml, string learner) => learner switch
    {
        // Linear: stochastic dual coordinate ascent on the maximum-entropy loss; it takes the context's seed.
        // run.Options records every option, defaults included, in the run's record (trainers).
        "sdca" => ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(run.Options(new SdcaMaximumEntropyMulticlassTrainer.Options
        {
            MaximumNumberOfIterations = run.Param("MaxIterations", 100),
            L2Regularization = run.Param<float?>("L2", null),
        })),
        // Gradient-boosted trees: LightGBM's own seed comes from the run as well.
        _ => ml.MulticlassClassification.Trainers.LightGbm(run.Options(new LightGbmMulticlassTrainer.Options
        {
            NumberOfIterations = run.Param("Trees", 50),
            NumberOfLeaves = run.Param("Leaves", 8),
            MinimumExampleCountPerLeaf = run.Param("MinLeaf", 5),
            LearningRate = run.Param("LearningRate", 0.1),
            Seed = run.TrainerSeed,
        })),
    };
}
