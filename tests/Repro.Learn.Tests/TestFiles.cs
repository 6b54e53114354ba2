using System.Text.Json;

namespace Repro.Learn.Tests;

/// <summary>The data sets and scikit-learn reference files copied next to the test assembly.</summary>
internal static class TestFiles
{
    public static string DataPath(string name) => Path.Combine(AppContext.BaseDirectory, "Data", name + ".csv");

    public static Reference Reference(string name)
    {
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reference", name + ".json"));
        return JsonSerializer.Deserialize<Reference>(json, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, PropertyNameCaseInsensitive = true })
            ?? throw new InvalidDataException($"empty reference {name}");
    }

    /// <summary>The data set and scikit-learn's own train/test rows for it.</summary>
    public static (Reference Reference, TrainTestSplit Split) ReferenceSplit(string name)
    {
        var reference = Reference(name);
        var data = Dataset.LoadCsv(DataPath(name), reference.LabelColumn);
        return (reference, DataSplit.ByTestRows(data, reference.TestRows));
    }

    /// <summary>A temporary file with the given text, deleted when disposed.</summary>
    public static TempFile Csv(string text) => new(text);
}

internal sealed record Reference(
    string Dataset, string LabelColumn, string SklearnVersion, int[] TestRows,
    LogisticReference LogisticRegression, ForestReference RandomForest);

internal sealed record LogisticReference(double C, bool Standardize, int Iterations, double Objective, double Accuracy);

internal sealed record ForestReference(int Trees, ulong[] Seeds, double[] Accuracies, double MeanAccuracy);

internal sealed class TempFile : IDisposable
{
    public TempFile(string text)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"repro-learn-{Guid.NewGuid():N}.csv");
        File.WriteAllText(Path, text);
    }

    public string Path { get; }

    public void Dispose() => File.Delete(Path);
}
