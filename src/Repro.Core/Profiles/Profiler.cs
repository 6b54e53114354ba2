using System.Security.Cryptography;

namespace Repro.Profiles;

/// <summary>
/// Reads a data file once and gives its SHA-256, its profile and its row fingerprints. The hash is taken on another
/// thread from the same buffers the rows are read from, so a profile costs one read of the file. A buffer without quotes
/// is read in two chunks at once, merged in file order.
/// </summary>
public static class Profiler
{
    /// <summary>Changes whenever a profile of the same bytes would come out different.</summary>
    public const int Version = 3;

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

    /// <summary>Below this, a buffer is read in one chunk: the second thread would cost more than it saves.</summary>
    private const int MinimumSplit = 1 << 16;

    /// <summary>The hash, profile and (for delimited text) row fingerprints of <paramref name="path"/>.</summary>
    public static ProfiledFile Read(string path, ProfileOptions options)
    {
        var format = DelimitedFormat.Of(path, options.Delimiter, options.Header);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var scanner = format.Delimiter is { } delimiter ? new DelimitedScanner((byte)delimiter, format.Header, options.LabelColumn, stream.Length) : null;
        var buffer = new byte[BufferBytes];
        DelimitedScanner? helper = null;
        var carry = 0;
        long bytes = 0;
        while (true)
        {
            var read = stream.Read(buffer, carry, buffer.Length - carry);
            bytes += read;
            var (chunk, start) = (buffer, carry);
            var hashing = read == 0 ? Task.CompletedTask : Task.Run(() => sha256.AppendData(chunk, start, read));
            var filled = carry + read;
            var consumed = scanner is null ? filled : Scan(scanner, buffer, filled, endOfFile: read == 0, ref helper);
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

    /// <summary>
    /// Reads the buffer's rows in two chunks at once, split at the first line break past the middle, the second
    /// added to the first in file order; a buffer with quotes, or a second chunk with more columns, is read in one.
    /// The split depends on the bytes alone, never on the machine, so the profile is the same everywhere.
    /// </summary>
    private static int Scan(DelimitedScanner scanner, byte[] buffer, int filled, bool endOfFile, ref DelimitedScanner? helper)
    {
        var middle = filled / 2;
        var split = filled >= MinimumSplit && scanner.CanSplit(buffer.AsSpan(0, filled)) ? buffer.AsSpan(middle, filled - middle).IndexOf((byte)'\n') : -1;
        if (split < 0)
        {
            return scanner.Scan(buffer.AsSpan(0, filled), endOfFile);
        }

        split += middle + 1;
        var next = helper = scanner.Continuation(helper);
        var second = Task.Run(() => next.Scan(buffer.AsSpan(split, filled - split), endOfFile));
        var first = scanner.Scan(buffer.AsSpan(0, split), endOfFile: false);
        second.Wait();
        if (first != split || !scanner.Merge(next))
        {
            return first + scanner.Scan(buffer.AsSpan(first, filled - first), endOfFile);
        }

        return split + second.Result;
    }
}

/// <summary>A file read once: its SHA-256, its profile, and its row fingerprints (null for a file that is not delimited text).</summary>
public sealed record ProfiledFile(string Sha256, DataProfile Profile, RowFingerprints? Rows);
