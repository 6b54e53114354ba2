using System.Text;

namespace Repro.Learn;

/// <summary>Splits one CSV line (UTF-8, without its line break) into fields; supports RFC 4180 quoting within a line.</summary>
internal static class CsvFields
{
    /// <summary>
    /// Finds the field starting at <paramref name="start"/>. Returns the field's raw span
    /// (quotes removed when it needs no unescaping) and the position after its separator,
    /// or -1 past the last field.
    /// </summary>
    public static ReadOnlySpan<byte> Next(ReadOnlySpan<byte> line, int start, out int next, out bool needsUnescape, out int fieldStart)
    {
        needsUnescape = false;
        fieldStart = start;
        if (start < line.Length && line[start] == (byte)'"')
        {
            var i = start + 1;
            while (i < line.Length)
            {
                if (line[i] == (byte)'"')
                {
                    if (i + 1 < line.Length && line[i + 1] == (byte)'"')
                    {
                        needsUnescape = true;
                        i += 2;
                        continue;
                    }

                    break;
                }

                i++;
            }

            fieldStart = start + 1;
            var field = line[(start + 1)..Math.Min(i, line.Length)];
            var after = line[Math.Min(i + 1, line.Length)..].IndexOf((byte)',');
            next = after < 0 ? -1 : Math.Min(i + 1, line.Length) + after + 1;
            return field;
        }

        var comma = line[start..].IndexOf((byte)',');
        if (comma < 0)
        {
            next = -1;
            return line[start..];
        }

        next = start + comma + 1;
        return line.Slice(start, comma);
    }

    /// <summary>Decodes a field to text, undoing doubled quotes and trimming spaces.</summary>
    public static string Text(ReadOnlySpan<byte> field, bool needsUnescape)
    {
        var text = Encoding.UTF8.GetString(field).Trim();
        return needsUnescape ? text.Replace("\"\"", "\"", StringComparison.Ordinal) : text;
    }

    /// <summary>All fields of a line as text.</summary>
    public static List<string> All(ReadOnlySpan<byte> line)
    {
        var fields = new List<string>();
        var start = 0;
        while (start >= 0)
        {
            var field = Next(line, start, out var next, out var unescape, out _);
            fields.Add(Text(field, unescape));
            start = next;
        }

        return fields;
    }
}
