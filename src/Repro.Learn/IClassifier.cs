
namespace Repro.Learn;

/// <summary>A fitted classification model.</summary>
public interface IClassifier
{
    /// <summary>Class names; predictions are indices into this list.</summary>
    IReadOnlyList<string> Classes { get; }

    /// <summary>Names of the features the model was fitted on, in column order.</summary>
    IReadOnlyList<string> FeatureNames { get; }

    /// <summary>The most probable class index of each row (lowest index on ties).</summary>
    /// <exception cref="InvalidOptionException">The data has another number of features than the model.</exception>
    int[] Predict(Dataset data);

    /// <summary>Class probabilities, row-major: row <c>i</c>, class <c>k</c> at <c>[i * Classes.Count + k]</c>.</summary>
    /// <exception cref="InvalidOptionException">The data has another number of features than the model.</exception>
    double[] PredictProbabilities(Dataset data);

    /// <summary>Writes the model in the Repro.Learn model format (see <see cref="ModelFile"/>).</summary>
    void Save(Stream stream);
}
