using System.Security.Cryptography;

namespace Repro.Fingerprints;

/// <summary>SHA-256 of files and bytes, as lower-case hex.</summary>
public static class FileHash
{
    /// <summary>The hash of bytes in memory, written as every hash in a record is.</summary>
    public static string Sha256Bytes(ReadOnlySpan<byte> bytes) => Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();

    /// <summary>The hash of the raw bytes: what data and artifacts are, byte for byte.</summary>
    public static string Sha256(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return Convert.ToHexString(SHA256.HashData(stream)).ToLowerInvariant();
    }

    /// <summary>
    /// The hash with CRLF read as LF, for text that git may check out either way on different machines
    /// (packages.lock.json): the same dependencies must give the same hash on Windows and Linux.
    /// </summary>
    public static string Sha256NormalizedLineEndings(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var normalized = new byte[bytes.Length];
        var length = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\r' && i + 1 < bytes.Length && bytes[i + 1] == (byte)'\n')
            {
                continue;
            }

            normalized[length++] = bytes[i];
        }

        return Sha256Bytes(normalized.AsSpan(0, length));
    }
}
