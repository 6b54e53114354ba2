using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Repro.Testing;

/// <summary>
/// Reproducible pseudo-random file contents: SHA-256 in counter mode over a seed, so the same seed and size always
/// give the same bytes, and different seeds different ones. Self-contained, so bench drivers can link it too.
/// </summary>
public static class SeededBytes
{
    public static void Write(string path, long size, string seed)
    {
        var block = Encoding.UTF8.GetBytes(seed + "\0counter").Concat(new byte[8]).ToArray();
        var buffer = new byte[1 << 20];
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        var hash = new byte[SHA256.HashSizeInBytes];
        long counter = 0;
        for (long written = 0; written < size;)
        {
            var length = (int)Math.Min(buffer.Length, size - written);
            for (var at = 0; at < length; at += SHA256.HashSizeInBytes)
            {
                BinaryPrimitives.WriteInt64LittleEndian(block.AsSpan(block.Length - 8), counter++);
                SHA256.HashData(block, hash);
                hash.AsSpan(0, Math.Min(hash.Length, length - at)).CopyTo(buffer.AsSpan(at));
            }

            file.Write(buffer, 0, length);
            written += length;
        }
    }
}
