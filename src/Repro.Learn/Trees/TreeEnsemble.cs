using System.Runtime.CompilerServices;

namespace Repro.Learn;

/// <summary>
/// Averages the leaf probabilities of trees. Rows are handled in fixed blocks in parallel; within
/// a row the trees are always added in index order, so predictions never depend on the core count.
/// </summary>
internal static class TreeEnsemble
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double[] Probabilities(IReadOnlyList<Tree> trees, Dataset data, int classes)
    {
        var d = data.Features;
        var x = data.ValueArray;
        var rows = data.Rows;
        var result = new double[rows * classes];
        Parallel.For(0, Prediction.Blocks(rows), [MethodImpl(MethodImplOptions.AggressiveOptimization)] (block) =>
        {
            var first = block * Prediction.BlockSize;
            var last = Math.Min(rows, first + Prediction.BlockSize);
            var sums = result.AsSpan(first * classes, (last - first) * classes);

            // Tree by tree over the block keeps one tree's nodes hot in cache.
            foreach (var tree in trees)
            {
                var values = tree.LeafValues;
                for (var i = first; i < last; i++)
                {
                    var leaf = tree.LeafOffset(x.AsSpan(i * d, d));
                    var sum = sums.Slice((i - first) * classes, classes);
                    for (var k = 0; k < classes; k++)
                    {
                        sum[k] += values[leaf + k];
                    }
                }
            }

            for (var i = 0; i < sums.Length; i++)
            {
                sums[i] /= trees.Count;
            }
        });
        return result;
    }
}
