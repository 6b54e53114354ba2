namespace Repro.Profiles;

/// <summary>Rows with quotes, and the header: each field unquoted into a buffer of its own before it goes to its column.</summary>
internal sealed partial class DelimitedScanner
{
    private delegate void FieldAction(ReadOnlySpan<byte> field, int column);

    /// <summary>
    /// Calls <paramref name="action"/> with each field, unquoted; returns how many fields the row has. For the header and
    /// for rows with quotes; a row without them goes through <see cref="Fields"/>.
    /// </summary>
    private int ForEachField(ReadOnlySpan<byte> row, FieldAction action)
    {
        var column = 0;
        var i = 0;
        while (true)
        {
            var length = 0;
            if (i < row.Length && row[i] == '"')
            {
                i++;
                while (i < row.Length)
                {
                    if (row[i] == '"')
                    {
                        if (i + 1 < row.Length && row[i + 1] == '"')
                        {
                            Append(ref length, (byte)'"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    Append(ref length, row[i++]);
                }
            }

            // Text after a closing quote (or an unquoted field) runs to the delimiter.
            while (i < row.Length && row[i] != _delimiter)
            {
                Append(ref length, row[i++]);
            }

            action(_field.AsSpan(0, length), column++);
            if (i >= row.Length)
            {
                return column;
            }

            i++; // the delimiter
        }
    }

    private void Append(ref int length, byte value)
    {
        if (length == _field.Length)
        {
            Array.Resize(ref _field, _field.Length * 2);
        }

        _field[length++] = value;
    }
}
