using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Repro.MLNet.Tests;

/// <summary>One row of iris.csv (header: sepal_length_cm,sepal_width_cm,petal_length_cm,petal_width_cm,species).</summary>
public sealed class IrisRow
{
    public float SepalLength { get; set; }
    public float SepalWidth { get; set; }
    public float PetalLength { get; set; }
    public float PetalWidth { get; set; }
    public string Species { get; set; } = "";
}

/// <summary>A two-class row: is it virginica (the harder pair, versicolor against virginica).</summary>
public sealed class BinaryIrisRow
{
    [VectorType(4)]
    public float[] Features { get; set; } = [];
    public bool Label { get; set; }
}

internal static class Iris
{
    public static readonly IReadOnlyList<IrisRow> Rows = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Data", "iris.csv"))
        .Skip(1)
        .Select(line => line.Split(','))
        .Select(f => new IrisRow
        {
            SepalLength = float.Parse(f[0], CultureInfo.InvariantCulture),
            SepalWidth = float.Parse(f[1], CultureInfo.InvariantCulture),
            PetalLength = float.Parse(f[2], CultureInfo.InvariantCulture),
            PetalWidth = float.Parse(f[3], CultureInfo.InvariantCulture),
            Species = f[4],
        })
        .ToArray();

    public static IDataView Load(MLContext ml) => ml.Data.LoadFromEnumerable(Rows);

    public static IDataView LoadTwoClasses(MLContext ml) => ml.Data.LoadFromEnumerable(Rows
        .Where(r => r.Species != "setosa")
        .Select(r => new BinaryIrisRow
        {
            Features = [r.SepalLength, r.SepalWidth, r.PetalLength, r.PetalWidth],
            Label = r.Species == "virginica",
        }));

    /// <summary>Species as a key label, the four measurements as Features.</summary>
    public static IEstimator<ITransformer> Featurize(MLContext ml) => ml.Transforms.Conversion
        .MapValueToKey("Label", nameof(IrisRow.Species))
        .Append(ml.Transforms.Concatenate("Features",
            nameof(IrisRow.SepalLength), nameof(IrisRow.SepalWidth), nameof(IrisRow.PetalLength), nameof(IrisRow.PetalWidth)));
}
