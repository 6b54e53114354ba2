namespace Repro.Learn.Tests;

/// <summary>Seeded synthetic classification data, big enough to exercise the parallel code paths.</summary>
internal static class SyntheticData
{
    public static Dataset Make(int rows, int features, int classes, ulong seed)
    {
        var rng = new Xoshiro256StarStar(seed);
        var centres = new double[classes * features];
        for (var i = 0; i < centres.Length; i++)
        {
            centres[i] = (rng.NextDouble() * 4) - 2;
        }

        var values = new double[rows * features];
        var labels = new int[rows];
        for (var i = 0; i < rows; i++)
        {
            var label = i % classes;
            labels[i] = label;
            for (var j = 0; j < features; j++)
            {
                var noise = rng.NextDouble() + rng.NextDouble() + rng.NextDouble() - 1.5;
                values[(i * features) + j] = centres[(label * features) + j] + (2 * noise);
            }
        }

        var classNames = Enumerable.Range(0, classes).Select(c => $"c{c}").ToArray();
        var featureNames = Enumerable.Range(0, features).Select(j => $"f{j}").ToArray();
        return new Dataset(values, labels, classNames, featureNames);
    }

    public static byte[] Bytes(IClassifier model)
    {
        using var stream = new MemoryStream();
        model.Save(stream);
        return stream.ToArray();
    }
}
