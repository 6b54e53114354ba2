// The Iris experiment program. Repro starts it once per <Experiment> item; everything it needs comes from the
// run: the seed, the test size, the data file and the parameters (LabelColumn, Learner, Neighbors).
using System.Globalization;
using IrisExperiment;
using Repro;

var run = ExperimentRun.Open(args);
var table = LabeledTable.Load(run.DataPath, run.Param<string>("LabelColumn"));
var (train, test) = table.StratifiedSplit(run.TestSize, (ulong)run.Seed);
Console.WriteLine($"{table.Rows} rows, {table.Classes.Count} classes: {train.Rows} to train, {test.Rows} to test");

IClassifier model = run.Param("Learner", "centroid") switch
{
    "centroid" => NearestCentroid.Fit(train),
    "knn" => new NearestNeighbors(train, run.Param("Neighbors", 5)),
    var other => throw new ExperimentException("REPRO2002", $"Learner '{other}' is unknown: use centroid or knn."),
};

var correct = 0;
for (var i = 0; i < test.Rows; i++)
{
    correct += model.Predict(test.Row(i)) == test.Labels[i] ? 1 : 0;
}

var accuracy = (double)correct / test.Rows;
run.LogMetric("accuracy", accuracy);
run.LogMetric("test_rows", test.Rows);
File.WriteAllText(run.ArtifactPath("model.txt"), model.Describe(table.Classes));
Console.WriteLine("accuracy " + accuracy.ToString("0.0000", CultureInfo.InvariantCulture));
