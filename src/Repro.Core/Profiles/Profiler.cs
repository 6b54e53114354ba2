using System.Security.Cryptography;

namespace Repro.Profiles;

/// <summary>
/// Reads a data file once and gives its SHA-256, its profile and its row fingerprints. The hash is taken on another
/// thread from the same buffers the rows are read from, so a profile costs one read of the file; buffers without quotes
/// are read on every core at once (<see cref="ChunkedRead"/>).
/// </summary>
public static class Profiler
{
    /// <summary>Changes whenever a profile of the same bytes would come out different.</summary>
    public const int Version = 4;

    /// <summary>Rows kept for quantiles: those with the smallest fingerprints, so the same rows are chosen on any machine.</summary>
    public const int SampleSize = 65_536;

    /// <summary>Distinct values counted exactly per column; past it a column's distinct count is only "more".</summary>
    public const int DistinctLimit = 10_000;

    /// <summary>A label's classes counted exactly, up to this many.</summary>
    public const int LabelLimit = 100_000;

    /// <summary>A column with at most this many distinct values keeps them all, with their counts.</summary>
    public const int LevelLimit = 64;

    /// <summary>How many of a text column's most frequent values are kept when it has more than <see cref="LevelLimit"/>.</summary>
    public const int TopValues = 5;

    /// <summary>The hash, profile and (for delimited text) row fingerprints of <paramref name="path"/>.</summary>
    public static ProfiledFile Read(string path, ProfileOptions options) => Read(path, options, Math.Max(2, Environment.ProcessorCount));

    /// <summary>As <see cref="Read(string, ProfileOptions)"/>, with at most <paramref name="inFlight"/> buffers read at once: the profile is the same for any.</summary>
    internal static ProfiledFile Read(string path, ProfileOptions options, int inFlight)
    {
        var format = DelimitedFormat.Of(path, options.Delimiter, options.Header);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        if (format.Delimiter is not { } delimiter)
        {
            var sha256 = Convert.ToHexString(SHA256.HashData(stream)).ToLowerInvariant();
            return new ProfiledFile(sha256, new DataProfile { Sha256 = sha256, Bytes = stream.Position, Format = DataFormat.Other }, null);
        }

        var scanner = new DelimitedScanner((byte)delimiter, format.Header, options.LabelColumn, stream.Length);
        var (hash, bytes) = new ChunkedRead(stream, scanner, inFlight).Run();
        var (profile, rows) = scanner.Finish(hash, bytes, format);
        return new ProfiledFile(hash, profile with { LabelColumn = options.LabelColumn }, rows);
    }
}

/// <summary>A file read once: its SHA-256, its profile, and its row fingerprints (null for a file that is not delimited text).</summary>
public sealed record ProfiledFile(string Sha256, DataProfile Profile, RowFingerprints? Rows);
