using System.Buffers.Binary;
using System.Text;

namespace Repro.MLNet.Tests;

/// <summary>The raw header fields of a ZIP, read by hand so the tests see what ZipArchive would hide.</summary>
internal static class ZipLayout
{
    public sealed record Header(
        string Kind, string Name, ushort VersionMadeBy, ushort VersionNeeded, ushort Flags, ushort Method,
        ushort DosTime, ushort DosDate, uint Crc, uint CompressedSize, uint Size, ushort ExtraLength,
        ushort CommentLength, uint ExternalAttributes);

    /// <summary>Every local header in file order, then every central directory header.</summary>
    public static List<Header> Read(byte[] zip)
    {
        var headers = new List<Header>();
        var span = zip.AsSpan();
        var end = zip.Length - 22;
        Assert.AreEqual(0x06054B50u, U32(span, end), "end of central directory without a comment");
        var entryCount = U16(span, end + 10);
        var directoryOffset = (int)U32(span, end + 16);

        var offset = 0;
        for (var i = 0; i < entryCount; i++)
        {
            Assert.AreEqual(0x04034B50u, U32(span, offset));
            var nameLength = U16(span, offset + 26);
            var extraLength = U16(span, offset + 28);
            var size = U32(span, offset + 22);
            headers.Add(new Header("local", Encoding.UTF8.GetString(span.Slice(offset + 30, nameLength)), 0,
                U16(span, offset + 4), U16(span, offset + 6), U16(span, offset + 8), U16(span, offset + 10), U16(span, offset + 12),
                U32(span, offset + 14), U32(span, offset + 18), size, extraLength, 0, 0));
            offset += 30 + nameLength + extraLength + (int)U32(span, offset + 18);
        }

        Assert.AreEqual(directoryOffset, offset, "the central directory follows the last entry's data");
        for (var i = 0; i < entryCount; i++)
        {
            Assert.AreEqual(0x02014B50u, U32(span, offset));
            var nameLength = U16(span, offset + 28);
            var extraLength = U16(span, offset + 30);
            var commentLength = U16(span, offset + 32);
            headers.Add(new Header("central", Encoding.UTF8.GetString(span.Slice(offset + 46, nameLength)),
                U16(span, offset + 4), U16(span, offset + 6), U16(span, offset + 8), U16(span, offset + 10),
                U16(span, offset + 12), U16(span, offset + 14), U32(span, offset + 16), U32(span, offset + 20),
                U32(span, offset + 24), extraLength, commentLength, U32(span, offset + 38)));
            offset += 46 + nameLength + extraLength + commentLength;
        }

        Assert.AreEqual(end, offset, "nothing between the central directory and its end record");
        return headers;
    }

    private static ushort U16(ReadOnlySpan<byte> span, int at) => BinaryPrimitives.ReadUInt16LittleEndian(span[at..]);

    private static uint U32(ReadOnlySpan<byte> span, int at) => BinaryPrimitives.ReadUInt32LittleEndian(span[at..]);
}
