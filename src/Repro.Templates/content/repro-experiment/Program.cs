// The experiment program. Repro starts it once per <Experiment> item of MyModel.csproj; everything it needs comes
// from the run: the seed, the test size, the data file and the trainer's parameters. It trains on any CSV file of
// numeric features and one label column.
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Repro;
using Repro.MLNet;

var run = ExperimentRun.Open(args);
var ml = run.CreateMLContext();

// Every column but the label is a feature.
var columns = File.ReadLines(run.DataPath).First().Split(',');
var labelColumn = run.Param("LabelColumn", columns[^1]);
var label = Array.IndexOf(columns, labelColumn);
if (label < 0)
{
    throw new ExperimentException("REPRO2002", $"LabelColumn '{labelColumn}' is not a column of {run.DataPath}: {string.Join(", ", columns)}.");
}

var features = Enumerable.Range(0, columns.Length).Where(i => i != label).Select(i => new TextLoader.Range(i)).ToArray();
var data = ml.Data.CreateTextLoader(new TextLoader.Options
{
    Separators = [','],
    HasHeader = true,
    Columns =
    [
        new TextLoader.Column("Label", DataKind.String, label),
        new TextLoader.Column("Features", DataKind.Single, features),
    ],
}).Load(run.DataPath);
var split = run.TrainTestSplit(ml, data);

// Repro starts ML.NET experiments at one processor unless ProcessorCount says otherwise, so the same seed gives the
// same bits on every machine; ProcessorCount="8" on an <Experiment> speeds L-BFGS up and still reproduces exactly.
IEstimator<ITransformer> trainer = run.Param("Trainer", "sdca") switch
{
    "sdca" => ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options
    {
        L2Regularization = run.Param<float?>("L2Regularization", null),
        MaximumNumberOfIterations = run.Param<int?>("MaximumNumberOfIterations", null),
    }),
    "lbfgs" => ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
    {
        L2Regularization = run.Param("L2Regularization", 1f),
        OptimizationTolerance = run.Param("OptimizationTolerance", 1e-7f),
        HistorySize = run.Param("HistorySize", 20),
    }),
    // A trainer with a Seed option of its own (FastTree, LightGBM) takes Seed = run.TrainerSeed.
    var other => throw new ExperimentException("REPRO2002", $"Trainer '{other}' is unknown: use sdca or lbfgs."),
};

var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
    .Append(ml.Transforms.NormalizeMinMax("Features"))
    .Append(trainer)
    .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
var model = pipeline.Fit(split.TrainSet);

var metrics = ml.MulticlassClassification.Evaluate(model.Transform(split.TestSet));
run.LogMetrics(metrics);
run.SaveModel(ml, model, data.Schema, "model.zip");
Console.WriteLine($"micro accuracy {metrics.MicroAccuracy:0.0000}, log loss {metrics.LogLoss:0.0000}");
