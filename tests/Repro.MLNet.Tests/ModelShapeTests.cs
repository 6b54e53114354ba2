using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Runtime;
using Microsoft.ML.Trainers;

namespace Repro.MLNet.Tests;

[TestClass]
public sealed class ModelShapeTests
{
    private sealed class Trip
    {
        public float TripDistance { get; set; }

        public float PassengerCount { get; set; }

        public float Label { get; set; }
    }

    [TestMethod]
    public void OptionsRecordsSetValuesAndDefaultsUnderTheTrainersName()
    {
        using var run = TestRun.Open();
        var options = new SdcaRegressionTrainer.Options { L2Regularization = 0.1f, MaximumNumberOfIterations = 5 };

        Assert.AreSame(options, run.Run.Options(options));

        var sdca = Shape(run).GetProperty("trainers").GetProperty("SdcaRegression");
        Assert.AreEqual("0.1", sdca.GetProperty("L2Regularization").GetString());
        Assert.AreEqual("5", sdca.GetProperty("MaximumNumberOfIterations").GetString());
        Assert.AreEqual("Label", sdca.GetProperty("LabelColumnName").GetString());
        Assert.AreEqual("true", sdca.GetProperty("Shuffle").GetString());
        Assert.AreEqual(JsonValueKind.Null, sdca.GetProperty("L1Regularization").ValueKind);
    }

    [TestMethod]
    public void OptionsFillANullSeedFromTheRunAndAreTheSameTextEveryRun()
    {
        using var first = TestRun.Open(seed: 7);
        using var second = TestRun.Open(seed: 7);

        var options = first.Run.Options(new RandomizedPcaTrainer.Options());
        second.Run.Options(new RandomizedPcaTrainer.Options());

        Assert.AreEqual(7, options.Seed);
        Assert.AreEqual("7", Shape(first).GetProperty("trainers").GetProperty("RandomizedPca").GetProperty("Seed").GetString());
        Assert.AreEqual(File.ReadAllText(ShapePath(first)), File.ReadAllText(ShapePath(second)));
    }

    [TestMethod]
    public void SaveModelRecordsThePipelinesStepsInOrder()
    {
        using var run = TestRun.Open();
        var ml = run.Run.CreateMLContext();
        var data = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 20).Select(i => new Trip { TripDistance = i, PassengerCount = i % 3, Label = 2 * i + 1 }));
        var model = ml.Transforms.NormalizeMeanVariance(nameof(Trip.TripDistance))
            .Append(ml.Transforms.Concatenate("Features", nameof(Trip.TripDistance), nameof(Trip.PassengerCount)))
            .Append(ml.Regression.Trainers.Sdca(run.Run.Options(new SdcaRegressionTrainer.Options { MaximumNumberOfIterations = 5 })))
            .Fit(data);

        run.Run.SaveModel(ml, model, data.Schema);

        var steps = Shape(run).GetProperty("pipelines").GetProperty("artifacts/model.zip").EnumerateArray().ToArray();
        CollectionAssert.AreEqual(
            new[] { "NormalizingTransformer", "ColumnConcatenatingTransformer", "RegressionPredictionTransformer" },
            steps.Select(s => s.GetProperty("transformer").GetString()).ToArray());
        Assert.AreEqual("TripDistance", steps[0].GetProperty("outputs")[0].GetString());
        Assert.AreEqual("Features", steps[1].GetProperty("outputs")[0].GetString());
        Assert.AreEqual("Features", steps[2].GetProperty("inputs")[0].GetString());
        Assert.AreEqual("LinearRegressionModelParameters", steps[2].GetProperty("model").GetString());
        Assert.IsTrue(Shape(run).GetProperty("trainers").TryGetProperty("SdcaRegression", out _));
    }

    [TestMethod]
    public void RecordingThePipelineDrawsNothingFromTheContextsRandom()
    {
        // A second model trained after SaveModel must train as it would without Repro.
        using var run = TestRun.Open(seed: 3);
        var ml = run.Run.CreateMLContext();
        var plain = new MLContext(seed: 3);

        run.Run.SaveModel(ml, Fit(ml, out var schema), schema);
        plain.Model.Save(Fit(plain, out var plainSchema), plainSchema, new MemoryStream());

        Assert.AreEqual(NextDraw(plain), NextDraw(ml));
    }

    private static ITransformer Fit(MLContext ml, out DataViewSchema schema)
    {
        var data = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 20).Select(i => new Trip { TripDistance = i, PassengerCount = i % 3, Label = 2 * i + 1 }));
        schema = data.Schema;
        return ml.Transforms.NormalizeMeanVariance(nameof(Trip.TripDistance))
            .Append(ml.Transforms.Concatenate("Features", nameof(Trip.TripDistance), nameof(Trip.PassengerCount)))
            .Append(ml.Regression.Trainers.Sdca(new SdcaRegressionTrainer.Options { MaximumNumberOfIterations = 5 }))
            .Fit(data);
    }

    private static int NextDraw(MLContext ml) => ((IHostEnvironment)ml).Register("probe").Rand.Next();

    private static string ShapePath(TestRun run) => Path.Combine(run.Folder, RunFiles.ModelShape);

    private static JsonElement Shape(TestRun run) => JsonDocument.Parse(File.ReadAllText(ShapePath(run))).RootElement.Clone();
}
