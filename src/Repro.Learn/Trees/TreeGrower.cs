using System.Runtime.CompilerServices;

namespace Repro.Learn;

/// <summary>
/// Grows one gini tree on binned features, depth first. At each node it draws features
/// without replacement until <see cref="TreeSettings.MaxFeatures"/> non-constant ones were
/// examined (as scikit-learn does), builds each one's class histogram over the node's rows
/// and takes the cut with the best weighted gini. Row weights are bootstrap counts, kept as
/// integers so every sum is exact. Everything random comes from the tree's own generator.
/// </summary>
internal sealed class TreeGrower
{
    private readonly FeatureBins bins;
    private readonly int[] labels;
    private readonly int classes;
    private readonly TreeSettings settings;
    private readonly int[] histogram;
    private readonly int[] binRows;
    private readonly int[] touched;
    private readonly int[] featureOrder;
    private readonly long[] leftCounts;
    private readonly long[] bestLeftCounts;
    private readonly List<TreeNode> nodes = [];
    private readonly List<double> leafValues = [];
    private readonly int[] rows;
    private readonly int[] rowLabels;
    private readonly int[] rowWeights;

    public TreeGrower(FeatureBins bins, int[] labels, int classes, TreeSettings settings)
    {
        this.bins = bins;
        this.labels = labels;
        this.classes = classes;
        this.settings = settings;
        histogram = new int[FeatureBins.MaxBins * classes];
        binRows = new int[FeatureBins.MaxBins];
        touched = new int[FeatureBins.MaxBins];
        featureOrder = new int[bins.Codes.Length];
        leftCounts = new long[classes];
        bestLeftCounts = new long[classes];
        rows = new int[labels.Length];
        rowLabels = new int[labels.Length];
        rowWeights = new int[labels.Length];
    }

    /// <summary>
    /// Grows a tree on the rows with a positive weight (all rows with weight 1 when
    /// <paramref name="weights"/> is null). A grower can grow many trees, one at a time.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Tree Grow(int[]? weights, Xoshiro256StarStar rng)
    {
        var rootCounts = new long[classes];
        var count = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            var w = weights is null ? 1 : weights[i];
            if (w > 0)
            {
                rows[count] = i;
                rowLabels[count] = labels[i];
                rowWeights[count] = w;
                rootCounts[labels[i]] += w;
                count++;
            }
        }

        nodes.Clear();
        leafValues.Clear();
        nodes.Add(default);
        var stack = new Stack<(int Node, int Start, int End, int Depth, long[] Counts)>();
        stack.Push((0, 0, count, 0, rootCounts));
        while (stack.Count > 0)
        {
            var (node, start, end, depth, counts) = stack.Pop();
            if (!TrySplit(start, end, depth, counts, rng, out var feature, out var bin, out var leftRows))
            {
                nodes[node] = MakeLeaf(counts);
                continue;
            }

            Partition(start, end, bins.Codes[feature], bin);
            var rightCounts = new long[classes];
            for (var k = 0; k < classes; k++)
            {
                rightCounts[k] = counts[k] - bestLeftCounts[k];
            }

            var leftChild = nodes.Count;
            nodes.Add(default);
            nodes.Add(default);
            nodes[node] = new TreeNode { Feature = feature, Threshold = bins.Thresholds[feature][bin], Left = leftChild, Right = leftChild + 1 };
            stack.Push((leftChild + 1, start + leftRows, end, depth + 1, rightCounts));
            stack.Push((leftChild, start, start + leftRows, depth + 1, (long[])bestLeftCounts.Clone()));
        }

        return new Tree(nodes.ToArray(), leafValues.ToArray(), classes);
    }

    private TreeNode MakeLeaf(long[] counts)
    {
        var total = 0L;
        foreach (var c in counts)
        {
            total += c;
        }

        var leaf = leafValues.Count / classes;
        foreach (var c in counts)
        {
            leafValues.Add((double)c / total);
        }

        return new TreeNode { Feature = -1, Left = leaf, Right = -1 };
    }

    private bool TrySplit(int start, int end, int depth, long[] counts, Xoshiro256StarStar rng, out int bestFeature, out int bestBin, out int bestLeftRows)
    {
        bestFeature = -1;
        bestBin = -1;
        bestLeftRows = 0;
        var m = end - start;
        if (depth >= settings.MaxDepth || m < 2 || m < 2 * settings.MinSamplesLeaf || IsPure(counts))
        {
            return false;
        }

        var total = 0L;
        foreach (var c in counts)
        {
            total += c;
        }

        var features = featureOrder.Length;
        for (var f = 0; f < features; f++)
        {
            featureOrder[f] = f;
        }

        var bestProxy = double.NegativeInfinity;
        var examined = 0;
        for (var drawn = 0; drawn < features && examined < settings.MaxFeatures; drawn++)
        {
            var pick = drawn + rng.NextInt(features - drawn);
            (featureOrder[drawn], featureOrder[pick]) = (featureOrder[pick], featureOrder[drawn]);
            var feature = featureOrder[drawn];
            var used = Histogram(start, end, bins.Codes[feature]);
            if (used > 1)
            {
                examined++;
                if (BestCut(used, m, total, counts, ref bestProxy, out var bin, out var leftRows))
                {
                    bestFeature = feature;
                    bestBin = bin;
                    bestLeftRows = leftRows;
                }
            }

            Clear(used);
        }

        return bestFeature >= 0;
    }

    /// <summary>Fills the class histogram of one feature over the node's rows; returns the number of non-empty bins, listed in ascending order in <see cref="touched"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Histogram(int start, int end, byte[] codes)
    {
        var used = 0;
        for (var i = start; i < end; i++)
        {
            int bin = codes[rows[i]];
            if (binRows[bin]++ == 0)
            {
                touched[used++] = bin;
            }

            histogram[(bin * classes) + rowLabels[i]] += rowWeights[i];
        }

        touched.AsSpan(0, used).Sort();
        return used;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool BestCut(int used, int m, long total, long[] counts, ref double bestProxy, out int bestBin, out int bestLeftRows)
    {
        bestBin = -1;
        bestLeftRows = 0;
        Array.Clear(leftCounts);
        var leftWeight = 0L;
        var leftRows = 0;
        for (var t = 0; t + 1 < used; t++)
        {
            var bin = touched[t];
            leftRows += binRows[bin];
            for (var k = 0; k < classes; k++)
            {
                var h = histogram[(bin * classes) + k];
                leftCounts[k] += h;
                leftWeight += h;
            }

            if (leftRows < settings.MinSamplesLeaf)
            {
                continue;
            }

            if (m - leftRows < settings.MinSamplesLeaf)
            {
                break;
            }

            var rightWeight = total - leftWeight;
            double left = 0;
            double right = 0;
            for (var k = 0; k < classes; k++)
            {
                double l = leftCounts[k];
                double r = counts[k] - leftCounts[k];
                left += l * l;
                right += r * r;
            }

            var proxy = (left / leftWeight) + (right / rightWeight);
            if (proxy > bestProxy)
            {
                bestProxy = proxy;
                bestBin = bin;
                bestLeftRows = leftRows;
                Array.Copy(leftCounts, bestLeftCounts, classes);
            }
        }

        return bestBin >= 0;
    }

    private void Clear(int used)
    {
        for (var t = 0; t < used; t++)
        {
            var bin = touched[t];
            binRows[bin] = 0;
            histogram.AsSpan(bin * classes, classes).Clear();
        }
    }

    /// <summary>Moves the node's rows with a code at most <paramref name="bin"/> to its front.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Partition(int start, int end, byte[] codes, int bin)
    {
        var i = start;
        var j = end - 1;
        while (true)
        {
            while (i <= j && codes[rows[i]] <= bin)
            {
                i++;
            }

            while (i <= j && codes[rows[j]] > bin)
            {
                j--;
            }

            if (i >= j)
            {
                return;
            }

            (rows[i], rows[j]) = (rows[j], rows[i]);
            (rowLabels[i], rowLabels[j]) = (rowLabels[j], rowLabels[i]);
            (rowWeights[i], rowWeights[j]) = (rowWeights[j], rowWeights[i]);
        }
    }

    private static bool IsPure(long[] counts)
    {
        var nonZero = 0;
        foreach (var c in counts)
        {
            nonZero += c > 0 ? 1 : 0;
        }

        return nonZero <= 1;
    }
}
