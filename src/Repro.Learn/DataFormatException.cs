namespace Repro.Learn;

/// <summary>
/// A data file cannot be read as a data set. The message names the file, the line and the
/// column, and says how to fix the input.
/// </summary>
public sealed class DataFormatException : LearnException
{
    /// <summary>Creates the error for one location of a file.</summary>
    /// <param name="code">One of the <see cref="ErrorCodes"/>.</param>
    /// <param name="filePath">The file as the caller named it.</param>
    /// <param name="line">1-based line number, or 0 when the error concerns the whole file.</param>
    /// <param name="column">1-based column number, or 0 when the error concerns a whole line or file.</param>
    /// <param name="problem">What is wrong and what to do about it.</param>
    public DataFormatException(string code, string filePath, int line, int column, string problem)
        : base(code, Describe(filePath, line, column, problem))
    {
        FilePath = filePath;
        Line = line;
        Column = column;
    }

    /// <summary>The file as the caller named it.</summary>
    public string FilePath { get; }

    /// <summary>1-based line number, 0 when the error concerns the whole file.</summary>
    public int Line { get; }

    /// <summary>1-based column number, 0 when the error concerns a whole line or file.</summary>
    public int Column { get; }

    private static string Describe(string filePath, int line, int column, string problem)
    {
        var where = filePath;
        if (line > 0)
        {
            where += $", line {line}";
        }

        if (column > 0)
        {
            where += $", column {column}";
        }

        return $"{where}: {problem}";
    }
}
