using System.Globalization;
using System.Text;

namespace Repro.Profiles;

/// <summary>How a data file is read: as delimited text with this delimiter and header, or not as text at all.</summary>
/// <param name="Delimiter">The field separator; null for a file that is not delimited text.</param>
public sealed record DelimitedFormat(char? Delimiter, bool Header)
{
    /// <summary>How much of a file the sniffer reads: enough for the header and some rows, little for a large file.</summary>
    private const int SniffBytes = 64 * 1024;

    private const int SniffLines = 20;

    private static readonly char[] Candidates = [',', '\t', ';', '|'];

    public static readonly DelimitedFormat NotText = new(null, false);

    /// <summary>
    /// The format of <paramref name="path"/>: what the experiment said (<paramref name="delimiter"/>, <paramref name="header"/>)
    /// where it said it, the rest sniffed from the first lines. Delimited text is a .csv, .tsv, .tab, .txt, .psv or .dat
    /// file whose start is UTF-8 text without NUL bytes.
    /// </summary>
    public static DelimitedFormat Of(string path, char? delimiter = null, bool? header = null)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (delimiter is null && extension is not (".csv" or ".tsv" or ".tab" or ".txt" or ".psv" or ".dat"))
        {
            return NotText;
        }

        var lines = FirstLines(path);
        if (lines is null)
        {
            return NotText;
        }

        var separator = delimiter ?? Sniff(lines, extension);
        return new DelimitedFormat(separator, header ?? HasHeader(lines, separator));
    }

    /// <summary>Up to <see cref="SniffLines"/> whole lines from the file's start; null when it is not UTF-8 text.</summary>
    private static IReadOnlyList<string>? FirstLines(string path)
    {
        var buffer = new byte[SniffBytes];
        int length;
        using (var stream = File.OpenRead(path))
        {
            length = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        }

        var bytes = buffer.AsSpan(0, length);
        if (bytes.Contains((byte)0))
        {
            return null;
        }

        // A full buffer may end mid-line (and mid-character): keep whole lines only.
        if (length == buffer.Length && bytes.LastIndexOf((byte)'\n') is var end and > 0)
        {
            bytes = bytes[..end];
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }

        return text.TrimStart('\uFEFF').Split('\n').Select(line => line.TrimEnd('\r')).Where(line => line.Length > 0).Take(SniffLines).ToArray();
    }

    /// <summary>The candidate found the same number of times (at least once) on every line, the most often; else the extension's.</summary>
    private static char Sniff(IReadOnlyList<string> lines, string extension)
    {
        var best = (Delimiter: (char?)null, Count: 0);
        foreach (var candidate in Candidates)
        {
            var counts = lines.Select(line => Fields(line, candidate).Count - 1).Distinct().ToArray();
            if (counts is [var count] && count > best.Count)
            {
                best = (candidate, count);
            }
        }

        return best.Delimiter ?? (extension is ".tsv" or ".tab" ? '\t' : ',');
    }

    /// <summary>
    /// The first line is a header when a column that holds numbers below has a name that is not one, or, where no column
    /// holds numbers, when none of its values appears again in its column.
    /// </summary>
    private static bool HasHeader(IReadOnlyList<string> lines, char delimiter)
    {
        if (lines.Count == 0)
        {
            return false;
        }

        var first = Fields(lines[0], delimiter);
        var rows = lines.Skip(1).Select(line => Fields(line, delimiter)).ToArray();
        if (first.Any(string.IsNullOrWhiteSpace))
        {
            return false;
        }

        if (rows.Length == 0)
        {
            return first.Any(field => !IsNumber(field));
        }

        var numeric = false;
        for (var column = 0; column < first.Count; column++)
        {
            var below = rows.Where(row => column < row.Count).Select(row => row[column]).ToArray();
            if (below.Any(IsNumber))
            {
                numeric = true;
                if (!IsNumber(first[column]))
                {
                    return true;
                }
            }
        }

        return !numeric && first.Select((name, column) => rows.All(row => column >= row.Count || row[column] != name)).All(unique => unique)
            && first.Distinct(StringComparer.Ordinal).Count() == first.Count;
    }

    internal static bool IsNumber(string field) =>
        double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value);

    /// <summary>A line's fields, with RFC 4180 quotes: a delimiter inside quotes does not split.</summary>
    internal static IReadOnlyList<string> Fields(string line, char delimiter)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == delimiter)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }
}
