using System.Globalization;
using Repro;

namespace IrisExperiment;

/// <summary>A numeric CSV with a header and one label column; classes are numbered in ordinal name order.</summary>
internal sealed class LabeledTable(double[][] features, int[] labels, IReadOnlyList<string> classes)
{
    public int Rows => labels.Length;
    public int[] Labels => labels;
    public IReadOnlyList<string> Classes => classes;
    public double[] Row(int index) => features[index];

    public static LabeledTable Load(string path, string labelColumn)
    {
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();
        var header = lines[0].Split(',');
        var labelIndex = Array.IndexOf(header, labelColumn);
        if (labelIndex < 0)
        {
            throw new ExperimentException("REPRO2002", $"'{path}' has no column '{labelColumn}'; its columns are {string.Join(", ", header)}.");
        }

        var cells = lines.Skip(1).Select(l => l.Split(',')).ToArray();
        var classes = cells.Select(c => c[labelIndex]).Distinct().Order(StringComparer.Ordinal).ToArray();
        var features = cells.Select(c => c.Where((_, i) => i != labelIndex)
            .Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        var labels = cells.Select(c => Array.IndexOf(classes, c[labelIndex])).ToArray();
        return new LabeledTable(features, labels, classes);
    }

    /// <summary>Holds out ceil(testSize · n) rows, each class in proportion, chosen by a seeded shuffle.</summary>
    public (LabeledTable Train, LabeledTable Test) StratifiedSplit(double testSize, ulong seed)
    {
        var random = new SplitMix64(seed);
        var testRows = new List<int>();
        var trainRows = new List<int>();
        for (var c = 0; c < classes.Count; c++)
        {
            var members = Enumerable.Range(0, Rows).Where(i => labels[i] == c).ToArray();
            for (var i = members.Length - 1; i > 0; i--)
            {
                var j = (int)(random.Next() % (ulong)(i + 1));
                (members[i], members[j]) = (members[j], members[i]);
            }

            var take = (int)Math.Ceiling(testSize * members.Length);
            testRows.AddRange(members.Take(take));
            trainRows.AddRange(members.Skip(take));
        }

        return (Subset(trainRows), Subset(testRows));
    }

    private LabeledTable Subset(List<int> rows) =>
        new(rows.Select(i => features[i]).ToArray(), rows.Select(i => labels[i]).ToArray(), classes);
}

/// <summary>A small, fully specified generator: the same seed gives the same numbers on every .NET version.</summary>
internal sealed class SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong Next()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
