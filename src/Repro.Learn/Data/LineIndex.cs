using System.Runtime.CompilerServices;
namespace Repro.Learn;

/// <summary>Start offsets of the lines of a UTF-8 text held in memory.</summary>
internal sealed class LineIndex
{
    private readonly int[] starts;
    private readonly int end;

    private LineIndex(int[] starts, int end)
    {
        this.starts = starts;
        this.end = end;
    }

    public int Count => starts.Length;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static LineIndex Build(byte[] bytes)
    {
        var starts = new List<int>(1024);
        var offset = 0;
        if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
        {
            offset = 3;
        }

        var span = bytes.AsSpan();
        while (offset < bytes.Length)
        {
            starts.Add(offset);
            var newline = span[offset..].IndexOf((byte)'\n');
            if (newline < 0)
            {
                break;
            }

            offset += newline + 1;
        }

        return new LineIndex(starts.ToArray(), bytes.Length);
    }

    public int Start(int line) => starts[line];

    /// <summary>The line without its line break ("\n" or "\r\n").</summary>
    public ReadOnlySpan<byte> Line(byte[] bytes, int line)
    {
        var start = starts[line];
        var stop = line + 1 < starts.Length ? starts[line + 1] : end;
        var span = bytes.AsSpan(start, stop - start);
        if (!span.IsEmpty && span[^1] == (byte)'\n')
        {
            span = span[..^1];
        }

        if (!span.IsEmpty && span[^1] == (byte)'\r')
        {
            span = span[..^1];
        }

        return span;
    }
}
