using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

/// <summary>The benchmark's CSV files (header f0..f19,label; see bench/make_data.py) as an in-memory data view.</summary>
internal static class BenchData
{
    public const int FeatureCount = 20;

    public static IDataView Load(MLContext ml, string path)
    {
        var rows = new List<Row>();
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var fields = line.Split(',');
            var features = new float[FeatureCount];
            for (var i = 0; i < FeatureCount; i++)
            {
                // Parsed as double, then rounded once to float: the value ML.NET's own text loader would give.
                features[i] = (float)double.Parse(fields[i], CultureInfo.InvariantCulture);
            }

            var label = int.Parse(fields[FeatureCount], CultureInfo.InvariantCulture);
            rows.Add(new Row { Features = features, Class = label, IsFirstClass = label == 0, Target = label });
        }

        // Cached, so trainers that shuffle can: ML.NET skips shuffling (with a warning) on a view that cannot, and the
        // averaged perceptron would then never draw from the context's seed.
        return ml.Data.Cache(ml.Data.LoadFromEnumerable(rows));
    }

    /// <summary>One example: the multiclass label, a binary label (class 0 against the rest) and a numeric target.</summary>
    public sealed class Row
    {
        [VectorType(FeatureCount)]
        public float[] Features { get; set; } = [];

        public float Class { get; set; }

        public bool IsFirstClass { get; set; }

        public float Target { get; set; }
    }
}
