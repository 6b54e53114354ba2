namespace Repro.Learn;

/// <summary>
/// Stable error codes carried by <see cref="LearnException"/>. They never change meaning;
/// the table in the project's README explains each one.
/// </summary>
public static class ErrorCodes
{
    /// <summary>The file has no header row or no data rows.</summary>
    public const string EmptyFile = "REPRO3001";

    /// <summary>The label column named by the caller is not in the header.</summary>
    public const string UnknownLabelColumn = "REPRO3002";

    /// <summary>A row has a different number of cells than the header.</summary>
    public const string RaggedRow = "REPRO3003";

    /// <summary>A feature or label cell is empty.</summary>
    public const string EmptyCell = "REPRO3004";

    /// <summary>A feature cell is not a finite number.</summary>
    public const string NonNumericCell = "REPRO3005";

    /// <summary>A label is not one of the classes the caller said to expect, or contains a quote.</summary>
    public const string UnknownClassLabel = "REPRO3006";

    /// <summary>A hyper-parameter or argument is outside its allowed range.</summary>
    public const string InvalidOption = "REPRO3007";

    /// <summary>The data cannot be split as asked (for example a class with too few rows to stratify).</summary>
    public const string CannotSplit = "REPRO3008";

    /// <summary>A saved model file is damaged, of another format version, or of another model kind.</summary>
    public const string BadModelFile = "REPRO3009";

    /// <summary>Data given to a model has a different number of features or classes than the model.</summary>
    public const string ShapeMismatch = "REPRO3010";
}
