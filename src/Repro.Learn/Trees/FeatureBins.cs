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
        Parallel.For(0, features, parallel, () => new double[rows], (f, _, column) =>
        {
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
            return column;
        },
        _ => { });
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

    /// <summary>Cuts of one feature; sorts <paramref name="column"/> in place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double[] Cuts(double[] column)
    {
        Array.Sort(column);
        var n = column.Length;
        var cuts = new List<double>(MaxBins);
        var distinct = 1;
        for (var i = 1; i < n && distinct <= MaxBins; i++)
        {
            distinct += column[i] != column[i - 1] ? 1 : 0;
        }

        if (distinct <= MaxBins)
        {
            for (var i = 1; i < n; i++)
            {
                if (column[i] != column[i - 1])
                {
                    cuts.Add(Midpoint(column[i - 1], column[i]));
                }
            }

            return cuts.ToArray();
        }

        // Quantile b is the value at rank b·n/MaxBins; its cut lies before the next larger value.
        for (var b = 1; b < MaxBins; b++)
        {
            var value = column[Math.Max(0, (int)((long)b * n / MaxBins) - 1)];
            var next = FirstAbove(column, value);
            if (next < n)
            {
                var cut = Midpoint(value, column[next]);
                if (cuts.Count == 0 || cut > cuts[^1])
                {
                    cuts.Add(cut);
                }
            }
        }

        return cuts.ToArray();
    }

    /// <summary>Index of the first value of the sorted <paramref name="sorted"/> above <paramref name="value"/>.</summary>
    private static int FirstAbove(double[] sorted, double value)
    {
        var low = 0;
        var high = sorted.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (sorted[mid] <= value)
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

    private static double Midpoint(double low, double high)
    {
        var mid = (low * 0.5) + (high * 0.5);
        return mid >= low && mid < high ? mid : low;
    }
}
