// The Iris experiment program. Repro starts it once per <Experiment> item; everything it needs comes from the
// run: the seed, the test size, the data file and the parameters. It trains on any numeric CSV with a label column,
// with Repro.Learn (logistic, forest) or ML.NET (sdca, lightgbm: MLNetTraining.cs).
using System.Globalization;
using Repro;
using Repro.Learn;

var run = ExperimentRun.Open(args);
if (MLNetTraining.Learners.Contains(run.Param<string>("Learner")))
{
    MLNetTraining.Train(run, run.Param<string>("Learner"));
    return;
}

var data = Dataset.LoadCsv(run.DataPath, run.Param<string>("LabelColumn"));
var split = DataSplit.TrainTest(data, run.TestSize, (ulong)run.Seed);
run.RecordSplit(SplitFingerprint.Of(split.Train.Rows, split.TestRowFingerprints()));
Console.WriteLine($"{data.Rows} rows, {data.Classes.Count} classes: {split.Train.Rows} to train, {split.Test.Rows} to test");

IClassifier model = run.Param<string>("Learner") switch
{
    "logistic" => FitLogistic(run, split.Train),
    "forest" => FitForest(run, split.Train),
    var other => throw new ExperimentException("REPRO2002", $"Learner '{other}' is unknown: use logistic, forest, sdca or lightgbm."),
};

var evaluation = Evaluation.Of(model, split.Test);
run.LogMetric("accuracy", evaluation.Accuracy);
run.LogMetric("macro_f1", evaluation.MacroF1);
run.LogMetric("log_loss", evaluation.LogLoss);
run.LogMetric("test_rows", evaluation.Rows);
ModelFile.Save(model, run.ArtifactPath("model.bin"));
File.WriteAllText(run.ArtifactPath("evaluation.json"), evaluation.ToJson());
Console.WriteLine("accuracy " + evaluation.Accuracy.ToString("0.0000", CultureInfo.InvariantCulture));

// Each learner's options, defaults included, go into the run's record: Compare and Reproduce name one that changed.
static RandomForestModel FitForest(ExperimentRun run, Dataset train)
{
    var forest = new RandomForest
    {
        Trees = run.Param("Trees", 100),
        MaxDepth = run.Param<int?>("MaxDepth", null),
        MinSamplesLeaf = run.Param("MinSamplesLeaf", 1),
        Seed = (ulong)run.Seed,
    };
    run.RecordOptions(nameof(RandomForest), forest.Options());
    return forest.Fit(train);
}

static LogisticRegressionModel FitLogistic(ExperimentRun run, Dataset train)
{
    var logistic = new LogisticRegression
    {
        C = run.Param("C", 1.0),
        MaxIterations = run.Param("MaxIterations", 100),
        Standardize = run.Param("Standardize", false),
    };
    run.RecordOptions(nameof(LogisticRegression), logistic.Options());
    var model = logistic.Fit(train);
    if (!model.Converged)
    {
        Console.WriteLine("warning: " + model.Warning);
    }

    run.LogMetric("iterations", model.Fit.Iterations);
    for (var step = 0; step < model.LossHistory.Count; step++)
    {
        run.LogMetric("train_loss", model.LossHistory[step], step);
    }

    return model;
}
