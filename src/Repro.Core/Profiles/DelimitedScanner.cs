using System.IO.Hashing;
using System.Runtime.CompilerServices;

namespace Repro.Profiles;

/// <summary>
/// Splits delimited text into rows and fields (RFC 4180: a quoted field may hold the delimiter, quotes and line
/// breaks) as the bytes arrive, and hands each field to its column. Blank lines are no rows.
/// </summary>
/// <param name="fileBytes">The file's length, to size the fingerprints once: growing them page by page costs more than the reading.</param>
internal sealed partial class DelimitedScanner(byte delimiter, bool header, string? labelColumn, long fileBytes = 0)
{
    /// <summary>The sample's cap in values, so a wide file keeps fewer rows rather than more memory.</summary>
    private const int SampleValues = 4 << 20;

    private readonly List<ColumnAccumulator> _columns = [];
    private FieldAction? _onField;
    private ulong[] _fingerprints = new ulong[1024];
    private int _rows;
    private long _scanned;
    private List<long>? _lines;
    private readonly PriorityQueue<double[], (ulong, long)> _sample = new(Comparer<(ulong, long)>.Create((a, b) => b.CompareTo(a)));
    private double[] _numbers = new double[16];
    private readonly byte _delimiter = delimiter;
    private byte[] _field = new byte[256];
    private bool _headerPending = header;
    private bool _started;
    private long _line = 1;
    private long _firstLine = -1;
    private long _ragged;
    private int _width = -1;
    private int _sampleSize;
    /// <summary>A row whose fingerprint is above it is not taken: the sample is full of smaller ones (here, or before this chunk).</summary>
    private ulong _threshold = ulong.MaxValue;

    /// <summary>Reads every whole row in <paramref name="text"/>; returns how many bytes it used (the rest starts a row).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot: compiled optimized at once, not after tiering
    public int Scan(ReadOnlySpan<byte> text, bool endOfFile)
    {
        var position = 0;
        if (!_started)
        {
            if (text.Length < 3 && !endOfFile)
            {
                return 0;
            }

            _started = true;
            if (text.StartsWith("\uFEFF"u8))
            {
                position = 3;
            }
        }

        while (position < text.Length)
        {
            var rest = text[position..];
            var end = RowEnd(rest, out var breaks, out var quoted);
            if (end < 0)
            {
                if (!endOfFile)
                {
                    _scanned += position;
                    return position;
                }

                end = rest.Length;
            }

            var row = rest[..end];
            if (!row.IsEmpty && row[^1] == '\r')
            {
                row = row[..^1];
            }

            if (!row.IsEmpty)
            {
                Row(row, quoted);
            }

            _line += breaks + 1;
            position += Math.Min(end + 1, rest.Length);
        }

        _scanned += position;
        return position;
    }

    /// <summary>Where the row at the start of <paramref name="text"/> ends (its line feed), or -1 when it does not end in it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot: compiled optimized at once, not after tiering
    private static int RowEnd(ReadOnlySpan<byte> text, out int breaks, out bool quoted)
    {
        breaks = 0;
        quoted = false;
        var first = text.IndexOfAny((byte)'\n', (byte)'"');
        if (first < 0 || text[first] == '\n')
        {
            return first;
        }

        quoted = true;
        var inQuotes = false;
        for (var i = first; i < text.Length; i++)
        {
            switch (text[i])
            {
                case (byte)'"':
                    inQuotes = !inQuotes; // an escaped quote ("") toggles twice
                    break;
                case (byte)'\n' when inQuotes:
                    breaks++;
                    break;
                case (byte)'\n':
                    return i;
            }
        }

        return -1;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot: compiled optimized at once, not after tiering
    private void Row(ReadOnlySpan<byte> row, bool quoted)
    {
        if (_headerPending)
        {
            _headerPending = false;
            var names = new List<string>();
            ForEachField(row, (field, _) => names.Add(ColumnAccumulator.Shown(field).Trim()));
            foreach (var name in names)
            {
                _columns.Add(new ColumnAccumulator(name, name == labelColumn));
            }

            return;
        }

        var index = _rows;
        if (_firstLine < 0)
        {
            _firstLine = _line;
        }
        else if (_lines is null && _line != _firstLine + index)
        {
            _lines = [.. Enumerable.Range(0, index).Select(i => _firstLine + i)];
        }

        _lines?.Add(_line);
        var fingerprint = XxHash3.HashToUInt64(row);
        if (_rows == _fingerprints.Length)
        {
            Grow();
        }

        _fingerprints[_rows++] = fingerprint;
        if (_numbers.Length < _columns.Count)
        {
            Array.Resize(ref _numbers, _columns.Count * 2);
        }

        var fields = quoted ? ForEachField(row, _onField ??= Field) : Fields(row);
        for (var column = fields; column < _columns.Count; column++)
        {
            _columns[column].AddAbsent();
            _numbers[column] = double.NaN;
        }

        if (_width < 0)
        {
            _width = _columns.Count;
            _sampleSize = Math.Clamp(SampleValues / Math.Max(_width, 1), 1024, Profiler.SampleSize);
        }
        else if (fields != _width)
        {
            _ragged++;
        }

        Sample(fingerprint);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot: compiled optimized at once, not after tiering
    private void Field(ReadOnlySpan<byte> field, int column)
    {
        if (column == _columns.Count)
        {
            var name = $"column {column + 1}";
            _columns.Add(new ColumnAccumulator(name, name == labelColumn));
            // A column a later row brings was missing from every row before it.
            for (var i = 0; i < _rows - 1; i++)
            {
                _columns[column].AddAbsent();
            }
        }

        if (column >= _numbers.Length)
        {
            Array.Resize(ref _numbers, _numbers.Length * 2);
        }

        _numbers[column] = _columns[column].Add(field, _line);
    }

    /// <summary>The fields of a row without quotes, to their columns: the common case, without a call through a delegate.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot: compiled optimized at once, not after tiering
    private int Fields(ReadOnlySpan<byte> row)
    {
        var column = 0;
        while (true)
        {
            var end = row.IndexOf(_delimiter);
            if (end < 0)
            {
                Field(row, column);
                return column + 1;
            }

            Field(row[..end], column++);
            row = row[(end + 1)..];
        }
    }

    // Keeps the rows with the smallest (fingerprint, line): a sample any machine draws alike, and the same rows of a file that grew.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot: compiled optimized at once, not after tiering
    private void Sample(ulong fingerprint)
    {
        // Lines only grow, so a fingerprint above the threshold is a row the sample does not take: most rows.
        if (fingerprint <= _threshold)
        {
            Keep(_numbers.AsSpan(0, _columns.Count), fingerprint, _line);
        }
    }

    private void Keep(ReadOnlySpan<double> values, ulong fingerprint, long line)
    {
        var key = (fingerprint, line);
        if (_sample.Count < _sampleSize)
        {
            _sample.Enqueue(values.ToArray(), key);
        }
        else if (_sample.TryPeek(out var largest, out var top) && key.CompareTo(top) < 0)
        {
            var kept = largest.Length == values.Length ? largest : new double[values.Length];
            values.CopyTo(kept);
            _sample.DequeueEnqueue(kept, key);
        }

        if (_sample.Count == _sampleSize && _sample.TryPeek(out _, out var now))
        {
            _threshold = Math.Min(_threshold, now.Item1);
        }
    }

    /// <summary>Room for the rows the file holds at the rows per byte seen so far (and a little more); at least twice the room.</summary>
    private void Grow()
    {
        var expected = _scanned > 0 ? (long)(fileBytes * 1.02 / _scanned * _rows) + 1024 : 0;
        var size = Math.Clamp(Math.Max(expected, 2L * _fingerprints.Length), 0, Array.MaxLength);
        Array.Resize(ref _fingerprints, (int)size);
    }

    public (DataProfile Profile, RowFingerprints Rows) Finish(string sha256, long bytes, DelimitedFormat format)
    {
        var sample = _sample.UnorderedItems.Select(item => item.Element).ToArray();
        var columns = _columns.Select((column, index) => column.Profile(
            sample.Where(values => index < values.Length && !double.IsNaN(values[index])).Select(values => values[index]).ToArray())).ToArray();
        var rows = new RowFingerprints(_fingerprints, _rows, _lines?.ToArray(), Math.Max(_firstLine, 1));
        var profile = new DataProfile
        {
            Sha256 = sha256,
            Bytes = bytes,
            Format = DataFormat.Delimited,
            Delimiter = ((char)_delimiter).ToString(),
            Header = format.Header,
            Rows = _rows,
            RaggedRows = _ragged,
            Columns = columns,
            QuantileSample = _rows > _sampleSize ? _sampleSize : null,
        };
        return (profile, rows);
    }
}
