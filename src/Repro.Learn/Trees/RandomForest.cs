using System.Runtime.CompilerServices;

namespace Repro.Learn;

/// <summary>
/// Random forest of gini classification trees. Tree <c>t</c> draws its bootstrap sample and
/// its split features from generator stream <c>(Seed, t)</c> only, trees are grown in parallel
/// and kept in index order, so the forest is bit-identical on any number of cores.
/// Features are cut into at most 256 bins once per fit (exactly, when a feature has at most
/// 256 distinct values).
/// </summary>
public sealed class RandomForest
{
    /// <summary>Number of trees; at least 1. Default 100.</summary>
    public int Trees { get; init; } = 100;

    /// <summary>Deepest level a tree may reach (the root is level 0); null for unlimited. Default null.</summary>
    public int? MaxDepth { get; init; }

    /// <summary>Fewest training rows in a leaf. Default 1.</summary>
    public int MinSamplesLeaf { get; init; } = 1;

    /// <summary>Features examined per split; null for ⌊√features⌋ (scikit-learn's "sqrt"). Default null.</summary>
    public int? MaxFeatures { get; init; }

    /// <summary>Fit each tree on a bootstrap sample (rows drawn with replacement). Default true.</summary>
    public bool Bootstrap { get; init; } = true;

    /// <summary>Seed of every random choice. Default 0.</summary>
    public ulong Seed { get; init; }

    /// <summary>Threads used; null for all cores. The model does not depend on it.</summary>
    public int? MaxDegreeOfParallelism { get; init; }

    /// <summary>Every option, defaults included, as invariant text by name: what a run records of this learner.</summary>
    public IReadOnlyDictionary<string, string?> Options() => LearnerOptions.Of(this);

    /// <summary>Fits the forest to every row of <paramref name="data"/>.</summary>
    /// <exception cref="InvalidOptionException">An option is out of range, or the data has no rows.</exception>
    public RandomForestModel Fit(Dataset data)
    {
        if (Trees < 1)
        {
            throw new InvalidOptionException(ErrorCodes.InvalidOption, nameof(Trees), $"{Trees} is below 1. Use for example 100.");
        }

        var sqrt = Math.Max(1, (int)Math.Sqrt(data?.Features ?? 1));
        var settings = TreeOptions.Resolve(data!, MaxDepth, MinSamplesLeaf, MaxFeatures, sqrt, MaxDegreeOfParallelism);
        var parallel = TreeOptions.Parallel(MaxDegreeOfParallelism);
        var bins = FeatureBins.Fit(data!.ValueArray, data.Rows, data.Features, parallel);
        var labels = data.LabelArray;
        var classes = data.Classes.Count;
        var trees = new Tree[Trees];

        // Scratch space is per thread; a tree's result depends only on its index.
        Parallel.For(
            0,
            Trees,
            parallel,
            () => (Grower: new TreeGrower(bins, labels, classes, settings), Counts: new int[labels.Length]),
            (t, _, scratch) =>
            {
                var rng = new Xoshiro256StarStar(Seed, (ulong)t);
                var weights = Bootstrap ? BootstrapCounts(scratch.Counts, rng) : null;
                trees[t] = scratch.Grower.Grow(weights, rng);
                return scratch;
            },
            _ => { });
        return new RandomForestModel(data.Classes, data.FeatureNames, trees);
    }

    /// <summary>How often each row is drawn when drawing as many rows as there are, with replacement.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int[] BootstrapCounts(int[] counts, Xoshiro256StarStar rng)
    {
        var rows = counts.Length;
        Array.Clear(counts);
        for (var i = 0; i < rows; i++)
        {
            counts[rng.NextInt(rows)]++;
        }

        return counts;
    }
}
