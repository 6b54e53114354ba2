namespace Repro.Profiles;

/// <summary>Two accumulators of one column, the second over the rows right after the first's, made one.</summary>
internal sealed partial class ColumnAccumulator
{
    /// <summary>Adds what <paramref name="next"/> read of the rows after this one's; its lines are <paramref name="lineOffset"/> short.</summary>
    public void Merge(ColumnAccumulator next, long lineOffset)
    {
        _missing += next._missing;
        if (_firstText is null && next._firstText is { } text)
        {
            _firstText = text with { Line = text.Line + lineOffset };
        }

        if (next._levels is null)
        {
            // The next rows alone had too many values to count: so have all of them.
            if (_levels is not null)
            {
                Overflow();
            }

            _integers += next._integers;
            Merge(next._numbers, next._mean, next._m2, next._min, next._max);
            return;
        }

        // The next rows' values, in the order they first appeared there: counted on, or new here.
        foreach (var level in next._order)
        {
            if (_levels is not null && _levels.TryGetValue(level.Key, out var known))
            {
                known.Count += level.Count;
                continue;
            }

            if (_levels is not null && _levels.Count == Limit)
            {
                Overflow();
            }

            if (_levels is not null)
            {
                _levels.Add(level.Key, level);
                _order.Add(level);
            }
            else if (level.Kind is ValueKind.Integer or ValueKind.Float)
            {
                _integers += level.Kind == ValueKind.Integer ? level.Count : 0;
                Number(level.Number, level.Count);
            }
        }
    }

    /// <summary>Chan et al.'s merge of two counts, means and sums of squared deviations.</summary>
    private void Merge(long count, double mean, double m2, double min, double max)
    {
        if (count == 0)
        {
            return;
        }

        var before = _numbers;
        _numbers += count;
        var delta = mean - _mean;
        _mean += delta * count / _numbers;
        _m2 += m2 + delta * delta * before * count / _numbers;
        _min = Math.Min(_min, min);
        _max = Math.Max(_max, max);
    }
}
