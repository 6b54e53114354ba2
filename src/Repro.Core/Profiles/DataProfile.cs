namespace Repro.Profiles;

/// <summary>
/// What one data file held, beside its hash: for delimited text, its shape and per-column statistics; for any other
/// file, only its size. Computed once per content (kept in the <see cref="Fingerprints.HashCache"/>) and recorded in run.json, so Reproduce
/// and Compare can say what changed in words. Fields may be added, never renamed.
/// </summary>
public sealed record DataProfile
{
    /// <summary>The data file, relative to the project; set in a run's record, absent in the cache (a profile is per content).</summary>
    public string? Path { get; init; }

    public required string Sha256 { get; init; }
    public required long Bytes { get; init; }

    /// <summary><see cref="DataFormat.Delimited"/> or <see cref="DataFormat.Other"/>.</summary>
    public required string Format { get; init; }

    /// <summary>The delimiter as read: ",", "\t", ";" or "|"; null for other files.</summary>
    public string? Delimiter { get; init; }

    /// <summary>The first line names the columns.</summary>
    public bool? Header { get; init; }

    /// <summary>Data rows, the header not counted.</summary>
    public long? Rows { get; init; }

    /// <summary>Rows whose field count differs from the header's (or the first row's).</summary>
    public long? RaggedRows { get; init; }

    public IReadOnlyList<ColumnProfile>? Columns { get; init; }

    /// <summary>The experiment's LabelColumn: that column's values are its classes, all counted.</summary>
    public string? LabelColumn { get; init; }

    /// <summary>How <see cref="ColumnProfile.Quantiles"/> were taken: <see cref="Profiler.SampleSize"/> rows chosen by fingerprint, or all.</summary>
    public int? QuantileSample { get; init; }

    /// <summary>The profiler's version: a profile from another version is computed again rather than compared as if alike.</summary>
    public int ProfilerVersion { get; init; } = Profiler.Version;
}

public static class DataFormat
{
    public const string Delimited = "delimited";
    public const string Other = "other";
}

/// <summary>One column: its inferred type, missing values, number statistics or text values.</summary>
/// <param name="Name">From the header, or "column N" (1-based) without one.</param>
/// <param name="Type"><see cref="ColumnType"/>: integer, float, text or empty.</param>
public sealed record ColumnProfile(string Name, string Type, long Missing)
{
    /// <summary>Values that read as numbers (invariant culture); all non-missing ones in a number column.</summary>
    public long? Count { get; init; }
    public double? Mean { get; init; }
    public double? StdDev { get; init; }
    public double? Min { get; init; }
    public double? Max { get; init; }

    /// <summary>p05, p25, p50, p75 and p95, from the whole column or its fingerprint sample.</summary>
    public SortedDictionary<string, double>? Quantiles { get; init; }

    /// <summary>Distinct values, exact up to <see cref="Profiler.DistinctLimit"/>; null above it (see <see cref="DistinctOver"/>).</summary>
    public long? Distinct { get; init; }

    /// <summary>The column has more than <see cref="Profiler.DistinctLimit"/> distinct values.</summary>
    public bool? DistinctOver { get; init; }

    /// <summary>
    /// Every value and its count when the column has at most <see cref="Profiler.LevelLimit"/> distinct ones (a label's
    /// classes), else the most frequent few; most frequent first, ties in ordinal order.
    /// </summary>
    public IReadOnlyList<ValueCount>? Values { get; init; }

    /// <summary>For a column that is text, the first value that is not a number, and its line (1-based, in the file).</summary>
    public LineValue? FirstText { get; init; }
}

public static class ColumnType
{
    public const string Integer = "integer";
    public const string Float = "float";
    public const string Text = "text";
    public const string Empty = "empty";
}

public sealed record ValueCount(string Value, long Count);

public sealed record LineValue(long Line, string Value);
