using System.Globalization;
using System.Text;

namespace IrisExperiment;

internal interface IClassifier
{
    int Predict(double[] row);

    string Describe(IReadOnlyList<string> classes);
}

/// <summary>Predicts the class whose mean row is nearest.</summary>
internal sealed class NearestCentroid(double[][] centroids) : IClassifier
{
    public static NearestCentroid Fit(LabeledTable train)
    {
        var classes = train.Classes.Count;
        var width = train.Row(0).Length;
        var sums = new double[classes][];
        var counts = new int[classes];
        for (var c = 0; c < classes; c++)
        {
            sums[c] = new double[width];
        }

        for (var i = 0; i < train.Rows; i++)
        {
            counts[train.Labels[i]]++;
            for (var f = 0; f < width; f++)
            {
                sums[train.Labels[i]][f] += train.Row(i)[f];
            }
        }

        return new NearestCentroid(sums.Select((s, c) => s.Select(v => v / counts[c]).ToArray()).ToArray());
    }

    public int Predict(double[] row) => Nearest.Index(centroids, row);

    public string Describe(IReadOnlyList<string> classes)
    {
        var text = new StringBuilder("nearest centroid\n");
        for (var c = 0; c < centroids.Length; c++)
        {
            text.Append(classes[c]).Append(": ").AppendJoin(" ", centroids[c].Select(v => v.ToString("R", CultureInfo.InvariantCulture))).Append('\n');
        }

        return text.ToString();
    }
}

/// <summary>Predicts the majority class of the k nearest training rows; ties go to the lower class index.</summary>
internal sealed class NearestNeighbors(LabeledTable train, int k) : IClassifier
{
    public int Predict(double[] row)
    {
        var nearest = Enumerable.Range(0, train.Rows)
            .OrderBy(i => Nearest.SquaredDistance(train.Row(i), row)).ThenBy(i => i)
            .Take(k);
        var votes = new int[train.Classes.Count];
        foreach (var i in nearest)
        {
            votes[train.Labels[i]]++;
        }

        return Array.IndexOf(votes, votes.Max());
    }

    public string Describe(IReadOnlyList<string> classes) =>
        $"k-nearest neighbours, k = {k}, {train.Rows} training rows\n";
}

internal static class Nearest
{
    public static int Index(double[][] points, double[] row)
    {
        var best = 0;
        for (var i = 1; i < points.Length; i++)
        {
            if (SquaredDistance(points[i], row) < SquaredDistance(points[best], row))
            {
                best = i;
            }
        }

        return best;
    }

    public static double SquaredDistance(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += (a[i] - b[i]) * (a[i] - b[i]);
        }

        return sum;
    }
}
