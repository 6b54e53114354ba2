// Times one benchmark case as a whole process: load both CSV files, fit, predict the test set.
// Usage: Repro.Bench (logreg | forest) TRAIN.csv TEST.csv [--trees N] [--max-depth N] [--seed N]
// Prints one JSON line with the accuracy and the seconds spent in each phase.
using System.Diagnostics;
using System.Globalization;
using Repro.Learn;

var options = BenchOptions.Parse(args);
var clock = Stopwatch.StartNew();
var train = Dataset.LoadCsv(options.Train, "label");
var test = Dataset.LoadCsv(options.Test, "label", train.Classes);
var loaded = clock.Elapsed.TotalSeconds;
IClassifier model = options.Model switch
{
    "logreg" => new LogisticRegression().Fit(train),
    "forest" => new RandomForest { Trees = options.Trees, MaxDepth = options.MaxDepth, Seed = options.Seed }.Fit(train),
    _ => throw new ArgumentException($"unknown model '{options.Model}': use logreg or forest"),
};
var fitted = clock.Elapsed.TotalSeconds;
var predicted = model.Predict(test);
var done = clock.Elapsed.TotalSeconds;
var accuracy = Metrics.Accuracy(test.Labels, predicted);
var note = model is LogisticRegressionModel lr ? $"iterations {lr.Fit.Iterations}, evaluations {lr.Fit.Evaluations}, converged {lr.Converged}" : string.Empty;
Console.WriteLine(string.Create(
    CultureInfo.InvariantCulture,
    $"{{\"accuracy\": {accuracy:R}, \"load_s\": {loaded:F3}, \"fit_s\": {fitted - loaded:F3}, \"predict_s\": {done - fitted:F3}, \"note\": \"{note}\"}}"));

/// <summary>Command line of the benchmark driver.</summary>
internal sealed record BenchOptions(string Model, string Train, string Test, int Trees, int? MaxDepth, ulong Seed)
{
    public static BenchOptions Parse(string[] args)
    {
        if (args.Length < 3)
        {
            throw new ArgumentException("usage: Repro.Bench (logreg | forest) TRAIN.csv TEST.csv [--trees N] [--max-depth N] [--seed N]");
        }

        var trees = 100;
        int? maxDepth = null;
        var seed = 0UL;
        for (var i = 3; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            switch (args[i])
            {
                case "--trees": trees = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--max-depth": maxDepth = value == "none" ? null : int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--seed": seed = ulong.Parse(value, CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"unknown option '{args[i]}'");
            }
        }

        return new BenchOptions(args[0], args[1], args[2], trees, maxDepth, seed);
    }
}
