
namespace Repro.Learn;

/// <summary>
/// Saves and loads models in the Repro.Learn model format: a little-endian binary file that
/// starts with the magic bytes <c>REPROLRN</c>, a format version and the model kind, then the
/// classes, the feature names and the model's numbers as exact IEEE-754 doubles. Saving the
/// same model always gives the same bytes.
/// </summary>
public static class ModelFile
{
    /// <summary>The format version written by this library.</summary>
    public const int FormatVersion = 1;

    /// <summary>Writes <paramref name="model"/> to a file, replacing it if it exists.</summary>
    public static void Save(IClassifier model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var stream = File.Create(path);
        model.Save(stream);
    }

    /// <summary>Reads a model of any kind from a file.</summary>
    /// <exception cref="InvalidOptionException">The file is not a model of this format version.</exception>
    public static IClassifier Load(string path)
    {
        using var stream = File.OpenRead(path);
        return Load(stream);
    }

    /// <summary>Reads a model of any kind from a stream.</summary>
    /// <exception cref="InvalidOptionException">The stream does not hold a model of this format version.</exception>
    public static IClassifier Load(Stream stream)
    {
        using var reader = ModelReader.Open(stream, out var kind);
        return kind switch
        {
            ModelKind.LogisticRegression => LogisticRegressionModel.ReadBody(reader),
            ModelKind.DecisionTree => DecisionTreeModel.ReadBody(reader),
            ModelKind.RandomForest => RandomForestModel.ReadBody(reader),
            _ => throw ModelReader.Bad($"unknown model kind '{kind}'"),
        };
    }
}
