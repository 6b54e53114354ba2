
namespace Repro.Learn;

/// <summary>
/// A single gini classification tree, grown like one tree of <see cref="RandomForest"/> but on
/// all rows and, by default, examining every feature at each split.
/// </summary>
public sealed class DecisionTree
{
    /// <summary>Deepest level the tree may reach (the root is level 0); null for unlimited. Default null.</summary>
    public int? MaxDepth { get; init; }

    /// <summary>Fewest training rows in a leaf. Default 1.</summary>
    public int MinSamplesLeaf { get; init; } = 1;

    /// <summary>Features examined per split; null for all of them. Default null.</summary>
    public int? MaxFeatures { get; init; }

    /// <summary>Seed of the order features are examined in (it breaks ties between equally good splits). Default 0.</summary>
    public ulong Seed { get; init; }

    /// <summary>Every option, defaults included, as invariant text by name: what a run records of this learner.</summary>
    public IReadOnlyDictionary<string, string?> Options() => LearnerOptions.Of(this);

    /// <summary>Fits the tree to every row of <paramref name="data"/>.</summary>
    /// <exception cref="InvalidOptionException">An option is out of range, or the data has no rows.</exception>
    public DecisionTreeModel Fit(Dataset data)
    {
        var settings = TreeOptions.Resolve(data, MaxDepth, MinSamplesLeaf, MaxFeatures, data?.Features ?? 1, null);
        var bins = FeatureBins.Fit(data!.ValueArray, data.Rows, data.Features, TreeOptions.Parallel(null));
        var tree = new TreeGrower(bins, data.LabelArray, data.Classes.Count, settings).Grow(null, new Xoshiro256StarStar(Seed));
        return new DecisionTreeModel(data.Classes, data.FeatureNames, tree);
    }
}
