using System.Security.Cryptography;

namespace Repro.Profiles;

/// <summary>
/// Reads a data file once and gives its SHA-256, its profile and its row fingerprints. The hash is taken on another
/// thread from the same buffers the rows are read from, so a profile costs one read of the file.
/// </summary>
public static class Profiler
{
    /// <summary>Changes whenever a profile of the same bytes would come out different.</summary>
    public const int Version = 2;

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

    private const int BufferBytes = 1 << 20;

    /// <summary>The hash, profile and (for delimited text) row fingerprints of <paramref name="path"/>.</summary>
    public static ProfiledFile Read(string path, ProfileOptions options)
    {
        var format = DelimitedFormat.Of(path, options.Delimiter, options.Header);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var scanner = format.Delimiter is { } delimiter ? new DelimitedScanner((byte)delimiter, format.Header, options.LabelColumn, stream.Length) : null;
        var buffer = new byte[BufferBytes];
        var carry = 0;
        long bytes = 0;
        while (true)
        {
            var read = stream.Read(buffer, carry, buffer.Length - carry);
            bytes += read;
            var (chunk, start) = (buffer, carry);
            var hashing = read == 0 ? Task.CompletedTask : Task.Run(() => sha256.AppendData(chunk, start, read));
            var filled = carry + read;
            var consumed = scanner?.Scan(buffer.AsSpan(0, filled), endOfFile: read == 0) ?? filled;
            hashing.Wait();
            if (read == 0)
            {
                break;
            }

            carry = filled - consumed;
            if (consumed == 0 && filled == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2); // one row longer than the buffer
            }
            else
            {
                Buffer.BlockCopy(buffer, consumed, buffer, 0, carry);
            }
        }

        var hash = Convert.ToHexString(sha256.GetHashAndReset()).ToLowerInvariant();
        if (scanner is null)
        {
            return new ProfiledFile(hash, new DataProfile { Sha256 = hash, Bytes = bytes, Format = DataFormat.Other }, null);
        }

        var (profile, rows) = scanner.Finish(hash, bytes, format);
        return new ProfiledFile(hash, profile with { LabelColumn = options.LabelColumn }, rows);
    }
}

/// <summary>A file read once: its SHA-256, its profile, and its row fingerprints (null for a file that is not delimited text).</summary>
public sealed record ProfiledFile(string Sha256, DataProfile Profile, RowFingerprints? Rows);
