// The registered model the build placed beside this program, proven by its SHA-256, predicting one flower.
using IrisService;
using Microsoft.ML;
using Repro.Models;
using Repro.Models.MLNet;

var model = RegisteredModel.Load("iris-classifier@production");
Console.WriteLine($"Loaded {model}");
var ml = new MLContext(seed: 0);
var engine = ml.Model.CreatePredictionEngine<IrisMeasurements, IrisPrediction>(model.LoadTransformer(ml, out _));
var flower = new IrisMeasurements { SepalLength = 5.9f, SepalWidth = 3.0f, PetalLength = 5.1f, PetalWidth = 1.8f };
Console.WriteLine($"5.9, 3.0, 5.1, 1.8 → {engine.Predict(flower).Species}");
