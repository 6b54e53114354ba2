
namespace Repro.Learn;

/// <summary>A fitted classification tree; its probabilities are the class frequencies of the leaf a row reaches.</summary>
public sealed class DecisionTreeModel : IClassifier
{
    private readonly Tree tree;

    internal DecisionTreeModel(IReadOnlyList<string> classes, IReadOnlyList<string> featureNames, Tree tree)
    {
        Classes = classes.ToArray();
        FeatureNames = featureNames.ToArray();
        this.tree = tree;
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Classes { get; }

    /// <inheritdoc />
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>Number of nodes, leaves included.</summary>
    public int NodeCount => tree.Nodes.Length;

    /// <inheritdoc />
    public int[] Predict(Dataset data) => Prediction.ArgMax(PredictProbabilities(data), Classes.Count);

    /// <inheritdoc />
    public double[] PredictProbabilities(Dataset data)
    {
        Prediction.CheckShape(this, data);
        return TreeEnsemble.Probabilities([tree], data, Classes.Count);
    }

    /// <inheritdoc />
    public void Save(Stream stream)
    {
        using var w = ModelWriter.Begin(stream, ModelKind.DecisionTree, Classes, FeatureNames);
        tree.Write(w);
    }

    /// <summary>Reads a model written by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidOptionException">The stream does not hold a decision tree of this format version.</exception>
    public static DecisionTreeModel Load(Stream stream)
    {
        using var r = ModelReader.Open(stream, ModelKind.DecisionTree);
        return ReadBody(r);
    }

    internal static DecisionTreeModel ReadBody(ModelReader r) =>
        new(r.Classes, r.FeatureNames, Tree.Read(r, r.Classes.Count, r.FeatureNames.Count));
}
