using System.Runtime.CompilerServices;

namespace Repro.Learn;

/// <summary>One node of a tree. A leaf has <see cref="Feature"/> −1 and keeps its leaf index in <see cref="Left"/>.</summary>
internal struct TreeNode
{
    public int Feature;
    public int Left;
    public int Right;
    public double Threshold;
}

/// <summary>A fitted classification tree: nodes in creation order and the class probabilities of each leaf.</summary>
internal sealed class Tree
{
    public Tree(TreeNode[] nodes, double[] leafValues, int classes)
    {
        Nodes = nodes;
        LeafValues = leafValues;
        Classes = classes;
    }

    public TreeNode[] Nodes { get; }

    /// <summary>Leaf <c>l</c>, class <c>k</c> at <c>[l * Classes + k]</c>.</summary>
    public double[] LeafValues { get; }

    public int Classes { get; }

    /// <summary>Offset into <see cref="LeafValues"/> of the leaf reached by <paramref name="row"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int LeafOffset(ReadOnlySpan<double> row)
    {
        var nodes = Nodes;
        var node = 0;
        while (nodes[node].Feature >= 0)
        {
            ref readonly var n = ref nodes[node];
            node = row[n.Feature] <= n.Threshold ? n.Left : n.Right;
        }

        return nodes[node].Left * Classes;
    }

    public void Write(ModelWriter w)
    {
        w.Int(Nodes.Length);
        foreach (var n in Nodes)
        {
            w.Int(n.Feature);
            w.Int(n.Left);
            w.Int(n.Right);
            w.Double(n.Threshold);
        }

        w.Doubles(LeafValues);
    }

    public static Tree Read(ModelReader r, int classes, int features)
    {
        var count = r.Int();
        if (count < 1 || count > 1 << 28)
        {
            throw ModelReader.Bad($"a tree declares {count} nodes");
        }

        var nodes = new TreeNode[count];
        for (var i = 0; i < count; i++)
        {
            nodes[i] = new TreeNode { Feature = r.Int(), Left = r.Int(), Right = r.Int(), Threshold = r.Double() };
        }

        var leafValues = r.Doubles();
        var leaves = leafValues.Length / classes;
        for (var i = 0; i < count; i++)
        {
            var n = nodes[i];
            var valid = n.Feature < 0
                ? n.Left >= 0 && n.Left < leaves
                : n.Feature < features && n.Left > i && n.Left < count && n.Right > i && n.Right < count;
            if (!valid)
            {
                throw ModelReader.Bad($"tree node {i} points outside the tree");
            }
        }

        return new Tree(nodes, leafValues, classes);
    }
}
