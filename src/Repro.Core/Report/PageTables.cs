namespace Repro.Report;

/// <summary>The page's string table: each distinct value once, numbered in the order first met (runs are read in id order).</summary>
internal sealed class StringTable
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly List<string> _values = [];

    public IReadOnlyList<string> Values => _values;

    /// <summary>The value's index; -1 for none.</summary>
    public int Of(string? value)
    {
        if (value is null)
        {
            return -1;
        }

        if (!_index.TryGetValue(value, out var index))
        {
            index = _values.Count;
            _index[value] = index;
            _values.Add(value);
        }

        return index;
    }
}

/// <summary>
/// The input columns, in the order Compare lists them, first met first: a run's inputs are kept as (column, value)
/// pairs while the runs are read, then laid out as one value per column.
/// </summary>
internal sealed class InputColumns
{
    private readonly StringTable _names = new();

    public IReadOnlyList<string> Names => _names.Values;

    public int Of(string name) => _names.Of(name);

    /// <summary>(column, value) pairs flattened: column, value, column, value…</summary>
    public static IReadOnlyList<int> Sparse(IEnumerable<(int Column, int Value)> facts) => facts.SelectMany(f => new[] { f.Column, f.Value }).ToArray();

    /// <summary>The pairs as one value per column, -1 where the run has none.</summary>
    public IReadOnlyList<int> Align(IReadOnlyList<int> sparse)
    {
        var values = Enumerable.Repeat(-1, Names.Count).ToArray();
        for (var i = 0; i + 1 < sparse.Count; i += 2)
        {
            values[sparse[i]] = sparse[i + 1];
        }

        return values;
    }
}
