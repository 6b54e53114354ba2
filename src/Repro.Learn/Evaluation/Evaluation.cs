using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Repro.Learn;

/// <summary>The metrics of one model on one data set, ready to be written to a <c>metrics.json</c>.</summary>
/// <param name="Rows">Rows evaluated.</param>
/// <param name="Accuracy">Fraction of correct predictions.</param>
/// <param name="MacroF1">Unweighted mean of the per-class F1 scores.</param>
/// <param name="LogLoss">Mean negative log-probability of the true class.</param>
/// <param name="Classes">Class names, in the order of the confusion matrix.</param>
/// <param name="Confusion">Confusion matrix, <c>[actual][predicted]</c>.</param>
public sealed record Evaluation(int Rows, double Accuracy, double MacroF1, double LogLoss, IReadOnlyList<string> Classes, ConfusionMatrix Confusion)
{
    /// <summary>Predicts <paramref name="data"/> with <paramref name="model"/> and measures the result.</summary>
    /// <exception cref="InvalidOptionException">The data's classes are not the model's (load test data with the training classes).</exception>
    public static Evaluation Of(IClassifier model, Dataset data)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        if (!model.Classes.SequenceEqual(data.Classes, StringComparer.Ordinal))
        {
            throw new InvalidOptionException(ErrorCodes.ShapeMismatch, nameof(data), $"the data's classes ({string.Join(", ", data.Classes)}) are not the model's ({string.Join(", ", model.Classes)}). Load the data with Dataset.LoadCsv(path, label, model.Classes).");
        }

        var probabilities = model.PredictProbabilities(data);
        var predicted = Prediction.ArgMax(probabilities, model.Classes.Count);
        var k = model.Classes.Count;
        return new Evaluation(
            data.Rows,
            Metrics.Accuracy(data.Labels, predicted),
            Metrics.MacroF1(data.Labels, predicted, k),
            Metrics.LogLoss(data.Labels, probabilities, k),
            model.Classes,
            new ConfusionMatrix(data.Labels, predicted, k));
    }

    /// <summary>
    /// The metrics as indented JSON with a fixed property order and round-trip doubles, so equal
    /// results give equal bytes.
    /// </summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("rows", Rows);
            json.WriteNumber("accuracy", Accuracy);
            json.WriteNumber("macroF1", MacroF1);
            json.WriteNumber("logLoss", LogLoss);
            json.WriteStartArray("classes");
            foreach (var name in Classes)
            {
                json.WriteStringValue(name);
            }

            json.WriteEndArray();
            json.WriteStartArray("confusionMatrix");
            foreach (var row in Confusion.ToArray())
            {
                json.WriteStartArray();
                foreach (var count in row)
                {
                    json.WriteNumberValue(count);
                }

                json.WriteEndArray();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()).ReplaceLineEndings("\n") + "\n";
    }

    /// <summary>A one-line summary, invariant culture.</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture, $"rows={Rows} accuracy={Accuracy:F4} macroF1={MacroF1:F4} logLoss={LogLoss:F4}");
}
