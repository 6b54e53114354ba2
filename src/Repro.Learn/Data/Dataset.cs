namespace Repro.Learn;

/// <summary>
/// A numeric feature matrix (row-major) with one class label per row. Class labels are
/// indices into <see cref="Classes"/>. A data set never changes after it is made.
/// </summary>
public sealed class Dataset
{
    private readonly double[] values;
    private readonly int[] labels;

    /// <summary>
    /// Wraps arrays as a data set. The arrays are taken over, not copied: do not change them afterwards.
    /// </summary>
    /// <param name="values">Row-major features: row <c>i</c>, feature <c>j</c> is <c>values[i * featureNames.Count + j]</c>.</param>
    /// <param name="labels">Class index of each row, into <paramref name="classes"/>.</param>
    /// <param name="classes">Class names in index order.</param>
    /// <param name="featureNames">Feature names in column order.</param>
    public Dataset(double[] values, int[] labels, IReadOnlyList<string> classes, IReadOnlyList<string> featureNames)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentNullException.ThrowIfNull(featureNames);
        if (featureNames.Count == 0)
        {
            throw new InvalidOptionException(ErrorCodes.InvalidOption, nameof(featureNames), "a data set needs at least one feature.");
        }

        if (values.Length != labels.Length * featureNames.Count)
        {
            throw new InvalidOptionException(ErrorCodes.ShapeMismatch, nameof(values), $"{values.Length} values do not make {labels.Length} rows of {featureNames.Count} features.");
        }

        foreach (var label in labels)
        {
            if (label < 0 || label >= classes.Count)
            {
                throw new InvalidOptionException(ErrorCodes.ShapeMismatch, nameof(labels), $"label {label} is not an index into the {classes.Count} classes.");
            }
        }

        this.values = values;
        this.labels = labels;
        Classes = classes.ToArray();
        FeatureNames = featureNames.ToArray();
    }

    /// <summary>Number of rows.</summary>
    public int Rows => labels.Length;

    /// <summary>Number of features (columns other than the label).</summary>
    public int Features => FeatureNames.Count;

    /// <summary>Class names; a label is an index into this list.</summary>
    public IReadOnlyList<string> Classes { get; }

    /// <summary>Feature names in column order.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>All features, row-major.</summary>
    public ReadOnlySpan<double> Values => values;

    /// <summary>Class index of each row.</summary>
    public ReadOnlySpan<int> Labels => labels;

    internal double[] ValueArray => values;

    internal int[] LabelArray => labels;

    /// <summary>The features of one row.</summary>
    public ReadOnlySpan<double> Row(int row) => values.AsSpan(row * Features, Features);

    /// <summary>
    /// Loads a CSV file whose first line names the columns. Every column except
    /// <paramref name="labelColumn"/> must hold numbers (invariant culture, '.' as decimal separator).
    /// Classes are ordered numerically when every label is a number, otherwise by ordinal string order.
    /// </summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="labelColumn">Header name of the class label column.</param>
    /// <param name="classes">
    /// The classes to map labels to, in index order, for example the training set's
    /// <see cref="Classes"/> when loading its test set; null to take them from the file.
    /// </param>
    /// <exception cref="DataFormatException">The file is empty, ragged, has a non-numeric or empty cell, or lacks the label column.</exception>
    public static Dataset LoadCsv(string path, string labelColumn, IReadOnlyList<string>? classes = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(labelColumn);
        return CsvLoader.Load(path, File.ReadAllBytes(path), labelColumn, classes);
    }

    /// <summary>A new data set with the given rows, in the given order; classes and feature names are kept.</summary>
    public Dataset Subset(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var d = Features;
        var subsetValues = new double[rows.Count * d];
        var subsetLabels = new int[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (row < 0 || row >= Rows)
            {
                throw new InvalidOptionException(ErrorCodes.InvalidOption, nameof(rows), $"row {row} is outside 0..{Rows - 1}.");
            }

            Array.Copy(values, (long)row * d, subsetValues, (long)i * d, d);
            subsetLabels[i] = labels[row];
        }

        return new Dataset(subsetValues, subsetLabels, Classes, FeatureNames);
    }

    /// <summary>Number of rows of each class, in class index order.</summary>
    public int[] ClassCounts()
    {
        var counts = new int[Classes.Count];
        foreach (var label in labels)
        {
            counts[label]++;
        }

        return counts;
    }
}
