namespace Repro.Profiles;

/// <summary>
/// A chunk of rows read by a scanner of its own, on another thread, and then added to this one as if this one had read
/// it: rows, lines, columns and sample in file order. Where chunks start depends on the file alone, so the profile is
/// the same on any machine.
/// </summary>
internal sealed partial class DelimitedScanner
{
    /// <summary>Rows are split into chunks only when a row cannot hide a line break (no quotes) and the columns are known.</summary>
    public bool CanSplit(ReadOnlySpan<byte> text) => _started && !_headerPending && _width >= 0 && !text.Contains((byte)'"');

    /// <summary>
    /// A scanner for the rows after the ones this one has read, with the same columns, counting lines from 1. It takes
    /// no sample row this one would not take, and reuses <paramref name="previous"/>'s room for fingerprints.
    /// </summary>
    public DelimitedScanner Continuation(DelimitedScanner? previous)
    {
        var next = new DelimitedScanner(_delimiter, header: false, labelColumn: null, fileBytes: 0)
        {
            _started = true,
            _width = _width,
            _sampleSize = _sampleSize,
            _threshold = _threshold,
            _fingerprints = previous?._fingerprints ?? new ulong[1024],
        };
        next._columns.AddRange(_columns.Select(c => new ColumnAccumulator(c.Name, c.IsLabel)));
        return next;
    }

    /// <summary>Adds what <paramref name="next"/> read; false, changing nothing, when it found columns this one does not have.</summary>
    public bool Merge(DelimitedScanner next)
    {
        if (next._columns.Count != _columns.Count)
        {
            return false;
        }

        var offset = _line - 1;
        if (next._rows > 0)
        {
            var contiguous = _lines is null && next._lines is null && next._firstLine + offset == _firstLine + _rows;
            if (!contiguous)
            {
                _lines ??= [.. Enumerable.Range(0, _rows).Select(i => _firstLine + i)];
                _lines.AddRange(next._lines?.Select(l => l + offset) ?? Enumerable.Range(0, next._rows).Select(i => next._firstLine + offset + i));
            }

            while (_fingerprints.Length < _rows + next._rows)
            {
                Grow();
            }

            next._fingerprints.AsSpan(0, next._rows).CopyTo(_fingerprints.AsSpan(_rows));
            _rows += next._rows;
        }

        _scanned += next._scanned;
        _line = next._line + offset;
        _ragged += next._ragged;
        for (var i = 0; i < _columns.Count; i++)
        {
            _columns[i].Merge(next._columns[i], offset);
        }

        foreach (var (values, (fingerprint, line)) in next._sample.UnorderedItems)
        {
            Keep(values, fingerprint, line + offset);
        }

        return true;
    }
}
