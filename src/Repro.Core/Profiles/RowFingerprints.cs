using System.Buffers.Binary;

namespace Repro.Profiles;

/// <summary>
/// A 64-bit fingerprint (XxHash3) of each data row, in file order, and the line each row starts on: enough to say
/// which rows were added or removed, or that the same rows were reordered, without keeping the data. Eight bytes a
/// row, sixteen when rows do not sit one to a line.
/// </summary>
public sealed class RowFingerprints
{
    private static ReadOnlySpan<byte> Magic => "REPROROW"u8;
    private const long Version = 1;

    private readonly ulong[] _rows; // the first _count are the rows: the scanner's own array, not copied
    private readonly int _count;
    private readonly long[]? _lines;
    private readonly long _firstLine;

    internal RowFingerprints(ulong[] rows, long[]? lines, long firstLine)
        : this(rows, rows.Length, lines, firstLine)
    {
    }

    internal RowFingerprints(ulong[] rows, int count, long[]? lines, long firstLine)
    {
        _rows = rows;
        _count = count;
        _lines = lines;
        _firstLine = firstLine;
    }

    public int Count => _count;

    public ulong this[int row] => Rows[row];

    private ReadOnlySpan<ulong> Rows => _rows.AsSpan(0, _count);

    /// <summary>The line (1-based, in the file) row <paramref name="row"/> starts on.</summary>
    public long Line(int row) => _lines?[row] ?? _firstLine + row;

    /// <summary>What changed from <paramref name="before"/> to <paramref name="after"/>, as multisets and in order.</summary>
    public static RowChanges Compare(RowFingerprints before, RowFingerprints after)
    {
        var removed = Unmatched(before, after);
        var added = Unmatched(after, before);
        var reordered = removed.Count == 0 && added.Count == 0 && !before.Rows.SequenceEqual(after.Rows);
        return new RowChanges(removed.Select(before.Line).ToArray(), added.Select(after.Line).ToArray(), reordered);
    }

    /// <summary>The rows of <paramref name="these"/> (in file order) that <paramref name="others"/> has fewer copies of.</summary>
    private static List<int> Unmatched(RowFingerprints these, RowFingerprints others)
    {
        var mine = Sorted(these.Rows);
        var theirs = others.Rows.ToArray();
        Array.Sort(theirs);
        var unmatched = new List<int>();
        var j = 0;
        foreach (var (fingerprint, row) in mine)
        {
            while (j < theirs.Length && theirs[j] < fingerprint)
            {
                j++;
            }

            if (j < theirs.Length && theirs[j] == fingerprint)
            {
                j++;
            }
            else
            {
                unmatched.Add(row);
            }
        }

        unmatched.Sort();
        return unmatched;
    }

    // Sorted by fingerprint, then by row: equal rows pair up first to first, so "which copy went" is the last one.
    private static (ulong, int)[] Sorted(ReadOnlySpan<ulong> rows)
    {
        var pairs = new (ulong, int)[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            pairs[i] = (rows[i], i);
        }

        Array.Sort(pairs);
        return pairs;
    }

    /// <summary>Writes the fingerprints to a temporary file renamed over <paramref name="path"/>: a reader never sees half of one.</summary>
    public void Write(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
        {
            Span<byte> head = stackalloc byte[32];
            Magic.CopyTo(head);
            BinaryPrimitives.WriteInt64LittleEndian(head[8..], Version);
            BinaryPrimitives.WriteInt64LittleEndian(head[16..], _count);
            BinaryPrimitives.WriteInt64LittleEndian(head[24..], _lines is null ? _firstLine : -1);
            stream.Write(head);
            WriteAll(stream, Rows);
            if (_lines is not null)
            {
                WriteAll(stream, Array.ConvertAll(_lines, l => (ulong)l));
            }
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The fingerprints at <paramref name="path"/>, or null when there are none or the file is not whole.</summary>
    public static RowFingerprints? Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        if (bytes.Length < 32 || !bytes.AsSpan(0, 8).SequenceEqual(Magic) || BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(8)) != Version)
        {
            return null;
        }

        var count = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(16));
        var firstLine = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(24));
        var width = firstLine < 0 ? 16 : 8;
        if (count < 0 || bytes.Length - 32 != count * width)
        {
            return null;
        }

        var rows = ReadAll(bytes.AsSpan(32), (int)count);
        var lines = firstLine < 0 ? Array.ConvertAll(ReadAll(bytes.AsSpan(32 + (int)count * 8), (int)count), l => (long)l) : null;
        return new RowFingerprints(rows, lines, Math.Max(firstLine, 0));
    }

    private static void WriteAll(Stream stream, ReadOnlySpan<ulong> values)
    {
        var buffer = new byte[8 * 8192];
        for (var start = 0; start < values.Length; start += 8192)
        {
            var n = Math.Min(8192, values.Length - start);
            for (var i = 0; i < n; i++)
            {
                BinaryPrimitives.WriteUInt64LittleEndian(buffer.AsSpan(i * 8), values[start + i]);
            }

            stream.Write(buffer, 0, n * 8);
        }
    }

    private static ulong[] ReadAll(ReadOnlySpan<byte> bytes, int count)
    {
        var values = new ulong[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = BinaryPrimitives.ReadUInt64LittleEndian(bytes[(i * 8)..]);
        }

        return values;
    }
}

/// <summary>The lines of rows that went and came (each file's own line numbers), and whether the same rows were reordered.</summary>
public sealed record RowChanges(IReadOnlyList<long> RemovedLines, IReadOnlyList<long> AddedLines, bool Reordered);
