
namespace Repro.Learn;

/// <summary>A fitted random forest; its probabilities are the mean of its trees' leaf class frequencies.</summary>
public sealed class RandomForestModel : IClassifier
{
    private readonly Tree[] trees;

    internal RandomForestModel(IReadOnlyList<string> classes, IReadOnlyList<string> featureNames, Tree[] trees)
    {
        Classes = classes.ToArray();
        FeatureNames = featureNames.ToArray();
        this.trees = trees;
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Classes { get; }

    /// <inheritdoc />
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>Number of trees.</summary>
    public int TreeCount => trees.Length;

    /// <summary>Total number of nodes over all trees.</summary>
    public long NodeCount
    {
        get
        {
            var count = 0L;
            foreach (var tree in trees)
            {
                count += tree.Nodes.Length;
            }

            return count;
        }
    }

    /// <inheritdoc />
    public int[] Predict(Dataset data) => Prediction.ArgMax(PredictProbabilities(data), Classes.Count);

    /// <inheritdoc />
    public double[] PredictProbabilities(Dataset data)
    {
        Prediction.CheckShape(this, data);
        return TreeEnsemble.Probabilities(trees, data, Classes.Count);
    }

    /// <inheritdoc />
    public void Save(Stream stream)
    {
        using var w = ModelWriter.Begin(stream, ModelKind.RandomForest, Classes, FeatureNames);
        w.Int(trees.Length);
        foreach (var tree in trees)
        {
            tree.Write(w);
        }
    }

    /// <summary>Reads a model written by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidOptionException">The stream does not hold a random forest of this format version.</exception>
    public static RandomForestModel Load(Stream stream)
    {
        using var r = ModelReader.Open(stream, ModelKind.RandomForest);
        return ReadBody(r);
    }

    internal static RandomForestModel ReadBody(ModelReader r)
    {
        var count = r.Int();
        if (count < 1)
        {
            throw ModelReader.Bad($"it declares {count} trees");
        }

        var trees = new Tree[count];
        for (var t = 0; t < count; t++)
        {
            trees[t] = Tree.Read(r, r.Classes.Count, r.FeatureNames.Count);
        }

        return new RandomForestModel(r.Classes, r.FeatureNames, trees);
    }
}
