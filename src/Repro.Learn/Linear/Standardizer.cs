namespace Repro.Learn;

/// <summary>Per-feature centring and scaling, like scikit-learn's StandardScaler (population standard deviation; constant features keep scale 1).</summary>
internal sealed class Standardizer
{
    public Standardizer(double[] means, double[] scales)
    {
        Means = means;
        Scales = scales;
    }

    public double[] Means { get; }

    public double[] Scales { get; }

    public static Standardizer Fit(double[] x, int rows, int features)
    {
        var means = new double[features];
        var scales = new double[features];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < features; j++)
            {
                means[j] += x[(i * features) + j];
            }
        }

        for (var j = 0; j < features; j++)
        {
            means[j] /= rows;
        }

        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < features; j++)
            {
                var d = x[(i * features) + j] - means[j];
                scales[j] += d * d;
            }
        }

        for (var j = 0; j < features; j++)
        {
            var sd = Math.Sqrt(scales[j] / rows);
            scales[j] = sd > 0 ? sd : 1.0;
        }

        return new Standardizer(means, scales);
    }

    public double[] Transform(ReadOnlySpan<double> x, int features)
    {
        var result = new double[x.Length];
        for (var i = 0; i < result.Length; i++)
        {
            var j = i % features;
            result[i] = (x[i] - Means[j]) / Scales[j];
        }

        return result;
    }
}
