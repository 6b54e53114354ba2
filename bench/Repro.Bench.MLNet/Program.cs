// Times and fingerprints one ML.NET trainer as a whole process: load both CSV files, fit, score the test set.
// Usage: Repro.Bench.MLNet TRAINER TRAIN.csv TEST.csv [--seed N]      (TRAINER: see Trainers.Names)
// Prints one JSON line: the test metrics, a SHA-256 over every test score's bits (equal hashes mean the same model
// output, to the last bit) and the seconds spent loading, fitting and scoring. The context's seed is --seed (0).
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.ML;

if (args.Length < 3 || !Trainers.Names.Contains(args[0]))
{
    Console.Error.WriteLine($"usage: Repro.Bench.MLNet ({string.Join(" | ", Trainers.Names)}) TRAIN.csv TEST.csv [--seed N]");
    return 2;
}

var seed = args.Length >= 5 && args[3] == "--seed" ? int.Parse(args[4], CultureInfo.InvariantCulture) : 0;
var clock = Stopwatch.StartNew();
var ml = new MLContext(seed);
var train = BenchData.Load(ml, args[1]);
var test = BenchData.Load(ml, args[2]);
var loaded = clock.Elapsed.TotalSeconds;

var trainer = Trainers.Get(args[0]);
var model = trainer.Pipeline(ml).Fit(train);
var fitted = clock.Elapsed.TotalSeconds;
var scored = model.Transform(test);
var metrics = trainer.Evaluate(ml, scored);
var fingerprint = ScoreFingerprint.Of(scored);
var done = clock.Elapsed.TotalSeconds;

Console.WriteLine(JsonSerializer.Serialize(new
{
    trainer = args[0],
    seed,
    processors = Environment.ProcessorCount,
    metrics,
    scores_sha256 = fingerprint,
    load_s = Math.Round(loaded, 3),
    fit_s = Math.Round(fitted - loaded, 3),
    predict_s = Math.Round(done - fitted, 3),
}));
return 0;
