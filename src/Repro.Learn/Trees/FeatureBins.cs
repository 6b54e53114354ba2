using System.Runtime.CompilerServices;
namespace Repro.Learn;

/// <summary>
/// Each feature cut into at most 256 bins, once per fit, so trees can be grown on class
/// histograms instead of sorting rows at every node. A feature with at most 256 distinct
/// values gets one bin per value (exact, like scikit-learn); otherwise the cuts are quantiles.
/// A cut is the midpoint between two neighbouring distinct training values; a value goes to
/// the left of cut <c>b</c> when it is at most <c>Thresholds[f][b]</c>, on training and new data alike.
/// </summary>
internal sealed class FeatureBins
{
    public const int MaxBins = 256;

    private FeatureBins(byte[][] codes, double[][] thresholds)
    {
        Codes = codes;
        Thresholds = thresholds;
    }

    /// <summary>Bin code of every row, one array per feature.</summary>
    public byte[][] Codes { get; }

    /// <summary>Cut values of every feature, ascending; bin <c>b</c> holds values in (cut[b-1], cut[b]].</summary>
    public double[][] Thresholds { get; }

    public static FeatureBins Fit(double[] x, int rows, int features, ParallelOptions parallel)
    {
        var codes = new byte[features][];
        var thresholds = new double[features][];
        Parallel.For(0, features, parallel, f =>
        {
            var column = new double[rows];
            for (var i = 0; i < rows; i++)
            {
                column[i] = x[((long)i * features) + f];
            }

            var cuts = Cuts(column);
            var code = new byte[rows];
            for (var i = 0; i < rows; i++)
            {
                code[i] = (byte)Bin(cuts, x[((long)i * features) + f]);
            }

            codes[f] = code;
            thresholds[f] = cuts;
        });
        return new FeatureBins(codes, thresholds);
    }

    /// <summary>Number of cuts below <paramref name="value"/>: the first bin whose cut is at least the value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Bin(double[] cuts, double value)
    {
        var low = 0;
        var high = cuts.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (cuts[mid] < value)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double[] Cuts(double[] column)
    {
        Array.Sort(column);
        var distinct = new List<double>();
        var atMost = new List<long>();
        for (var i = 0; i < column.Length; i++)
        {
            if (distinct.Count == 0 || column[i] != distinct[^1])
            {
                distinct.Add(column[i]);
                atMost.Add(0);
            }

            atMost[^1] = i + 1;
        }

        var cuts = new List<double>();
        if (distinct.Count <= MaxBins)
        {
            for (var j = 0; j + 1 < distinct.Count; j++)
            {
                cuts.Add(Midpoint(distinct[j], distinct[j + 1]));
            }

            return cuts.ToArray();
        }

        var k = 0;
        for (var b = 1; b < MaxBins; b++)
        {
            var target = (long)b * column.Length / MaxBins;
            while (k + 1 < distinct.Count && atMost[k] < target)
            {
                k++;
            }

            if (k + 1 < distinct.Count)
            {
                var cut = Midpoint(distinct[k], distinct[k + 1]);
                if (cuts.Count == 0 || cut > cuts[^1])
                {
                    cuts.Add(cut);
                }
            }
        }

        return cuts.ToArray();
    }

    private static double Midpoint(double low, double high)
    {
        var mid = (low * 0.5) + (high * 0.5);
        return mid >= low && mid < high ? mid : low;
    }
}
