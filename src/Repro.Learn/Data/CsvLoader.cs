using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Globalization;
using System.Text;

namespace Repro.Learn;

/// <summary>
/// Parses a whole CSV file held in memory. Rows are parsed in parallel in fixed blocks; each
/// row writes only its own slots, and the first error in file order is the one reported,
/// so the result never depends on the number of cores.
/// </summary>
internal static class CsvLoader
{
    private const int BlockRows = 4096;

    public static Dataset Load(string path, byte[] bytes, string labelColumn, IReadOnlyList<string>? knownClasses)
    {
        var lines = LineIndex.Build(bytes);
        var headerLine = FirstNonBlank(bytes, lines, 0);
        if (headerLine < 0)
        {
            throw new DataFormatException(ErrorCodes.EmptyFile, path, 0, 0, "the file is empty. Write a header row naming the columns, then one row per example.");
        }

        var header = CsvFields.All(lines.Line(bytes, headerLine));
        var labelIndex = header.IndexOf(labelColumn);
        if (labelIndex < 0)
        {
            throw new DataFormatException(ErrorCodes.UnknownLabelColumn, path, headerLine + 1, 0, $"there is no column named '{labelColumn}' in the header ({string.Join(", ", header)}). Name the label column exactly as the header spells it.");
        }

        var dataLines = DataLines(bytes, lines, headerLine + 1);
        if (dataLines.Length == 0)
        {
            throw new DataFormatException(ErrorCodes.EmptyFile, path, headerLine + 1, 0, "the file has a header but no data rows. Add at least one row.");
        }

        var columns = header.Count;
        var features = columns - 1;
        if (features == 0)
        {
            throw new DataFormatException(ErrorCodes.EmptyFile, path, headerLine + 1, 0, "the file has only the label column. Add at least one feature column.");
        }

        var rows = dataLines.Length;
        var values = new double[(long)rows * features];
        var labelStart = new int[rows];
        var labelLength = new int[rows];
        var blocks = (rows + BlockRows - 1) / BlockRows;
        var errors = new DataFormatException?[blocks];
        Parallel.For(0, blocks, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (block) =>
        {
            var end = Math.Min(rows, (block + 1) * BlockRows);
            for (var row = block * BlockRows; row < end; row++)
            {
                var error = ParseRow(path, bytes, lines, dataLines[row], row, header, labelIndex, values, labelStart, labelLength);
                if (error is not null)
                {
                    errors[block] = error;
                    return;
                }
            }
        });
        foreach (var error in errors)
        {
            if (error is not null)
            {
                throw error;
            }
        }

        var labels = MapLabels(path, bytes, dataLines, labelStart, labelLength, labelIndex, knownClasses, out var classes);
        var featureNames = new List<string>(features);
        for (var c = 0; c < columns; c++)
        {
            if (c != labelIndex)
            {
                featureNames.Add(header[c]);
            }
        }

        return new Dataset(values, labels, classes, featureNames);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static DataFormatException? ParseRow(
        string path, byte[] bytes, LineIndex lines, int lineNumber, int row, List<string> header, int labelIndex,
        double[] values, int[] labelStart, int[] labelLength)
    {
        var line = lines.Line(bytes, lineNumber);
        var lineOffset = lines.Start(lineNumber);
        var columns = header.Count;
        var features = columns - 1;
        var start = 0;
        var column = 0;
        var feature = 0;
        while (start >= 0)
        {
            var field = CsvFields.Next(line, start, out var next, out var unescape, out var fieldStart);
            if (column >= columns)
            {
                return Ragged(path, lineNumber, line, columns);
            }

            var trimmed = field.Trim((byte)' ');
            if (trimmed.Length == 0)
            {
                return new DataFormatException(ErrorCodes.EmptyCell, path, lineNumber + 1, column + 1, $"the cell of column '{header[column]}' is empty. Fill it in or remove the row.");
            }

            if (column == labelIndex)
            {
                if (unescape)
                {
                    return new DataFormatException(ErrorCodes.UnknownClassLabel, path, lineNumber + 1, column + 1, "labels with embedded quotes are not supported. Rename the class.");
                }

                labelStart[row] = lineOffset + fieldStart + (field.Length - field.TrimStart((byte)' ').Length);
                labelLength[row] = trimmed.Length;
            }
            else
            {
                if (!TryParseNumber(trimmed, out var value))
                {
                    return new DataFormatException(ErrorCodes.NonNumericCell, path, lineNumber + 1, column + 1, $"'{Encoding.UTF8.GetString(trimmed)}' in column '{header[column]}' is not a finite number. Write numbers with '.' as the decimal separator, or encode the column numerically.");
                }

                values[((long)row * features) + feature] = value;
                feature++;
            }

            column++;
            start = next;
        }

        return column == columns ? null : Ragged(path, lineNumber, line, columns);
    }

    /// <summary>
    /// Parses a finite invariant-culture number. Utf8Parser is tried first because it is about twice
    /// as fast on plain numbers and rounds identically; anything it does not take whole goes to double.TryParse.
    /// </summary>
    private static bool TryParseNumber(ReadOnlySpan<byte> text, out double value)
    {
        if (!Utf8Parser.TryParse(text, out value, out var consumed) || consumed != text.Length)
        {
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
            {
                return false;
            }
        }

        return double.IsFinite(value);
    }

    private static DataFormatException Ragged(string path, int lineNumber, ReadOnlySpan<byte> line, int columns)
    {
        var found = CsvFields.All(line).Count;
        return new DataFormatException(ErrorCodes.RaggedRow, path, lineNumber + 1, 0, $"the row has {found} cells but the header has {columns}. Make every row have one cell per header column.");
    }

    private static int[] MapLabels(
        string path, byte[] bytes, int[] dataLines, int[] labelStart, int[] labelLength, int labelIndex,
        IReadOnlyList<string>? knownClasses, out IReadOnlyList<string> classes)
    {
        var rows = labelStart.Length;
        var names = new string[rows];
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var distinct = new List<string>();
        for (var row = 0; row < rows; row++)
        {
            var name = Encoding.UTF8.GetString(bytes, labelStart[row], labelLength[row]);
            if (index.TryGetValue(name, out var seen))
            {
                names[row] = distinct[seen];
            }
            else
            {
                index.Add(name, distinct.Count);
                distinct.Add(name);
                names[row] = name;
            }
        }

        classes = knownClasses?.ToArray() ?? ClassOrder.Sort(distinct);
        var classIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < classes.Count; c++)
        {
            classIndex[classes[c]] = c;
        }

        var labels = new int[rows];
        for (var row = 0; row < rows; row++)
        {
            if (!classIndex.TryGetValue(names[row], out labels[row]))
            {
                throw new DataFormatException(ErrorCodes.UnknownClassLabel, path, dataLines[row] + 1, labelIndex + 1, $"the label '{names[row]}' is not one of the expected classes ({string.Join(", ", classes)}). Load this file with the classes of the data the model was trained on, or fix the label.");
            }
        }

        return labels;
    }

    private static int FirstNonBlank(byte[] bytes, LineIndex lines, int from)
    {
        for (var i = from; i < lines.Count; i++)
        {
            if (!IsBlank(lines.Line(bytes, i)))
            {
                return i;
            }
        }

        return -1;
    }

    private static int[] DataLines(byte[] bytes, LineIndex lines, int from)
    {
        var result = new List<int>(Math.Max(0, lines.Count - from));
        for (var i = from; i < lines.Count; i++)
        {
            if (!IsBlank(lines.Line(bytes, i)))
            {
                result.Add(i);
            }
        }

        return result.ToArray();
    }

    private static bool IsBlank(ReadOnlySpan<byte> line) => line.Trim((byte)' ').IsEmpty;
}
