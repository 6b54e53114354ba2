// RegisteredModel.Load → first prediction against ML.NET's own mlContext.Model.Load of the same file, in one process,
// the two alternated round by round (the order swapped each round) so both see the same machine; medians printed.
using System.Diagnostics;
using System.Globalization;
using IrisService;
using Microsoft.ML;
using Repro.Models;
using Repro.Models.MLNet;

var output = args[0];
var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50;
const string Reference = "iris-classifier@production";
var file = RegisteredModel.Load(Reference, output).Path;
var flower = new IrisMeasurements { SepalLength = 5.9f, SepalWidth = 3.0f, PetalLength = 5.1f, PetalWidth = 1.8f };

double MLNet()
{
    var clock = Stopwatch.StartNew();
    var ml = new MLContext(seed: 0);
    var model = ml.Model.Load(file, out _);
    _ = ml.Model.CreatePredictionEngine<IrisMeasurements, IrisPrediction>(model).Predict(flower);
    return clock.Elapsed.TotalMilliseconds;
}

double Repro()
{
    var clock = Stopwatch.StartNew();
    var ml = new MLContext(seed: 0);
    var model = RegisteredModel.Load(Reference, output).LoadTransformer(ml, out _);
    _ = ml.Model.CreatePredictionEngine<IrisMeasurements, IrisPrediction>(model).Predict(flower);
    return clock.Elapsed.TotalMilliseconds;
}

for (var i = 0; i < 5; i++)
{
    MLNet();
    Repro();
}

var mlnet = new List<double>();
var repro = new List<double>();
for (var i = 0; i < rounds; i++)
{
    if (i % 2 == 0)
    {
        mlnet.Add(MLNet());
        repro.Add(Repro());
    }
    else
    {
        repro.Add(Repro());
        mlnet.Add(MLNet());
    }
}

static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
var bytes = new FileInfo(file).Length;
Console.WriteLine($"| model | bytes | rounds | mlContext.Model.Load → first prediction (median ms) | RegisteredModel.Load → first prediction (median ms) | ratio |");
Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"| {Reference} | {bytes:N0} | {rounds} | {Median(mlnet):0.00} | {Median(repro):0.00} | {Median(repro) / Median(mlnet):0.00}× |"));
