using System.Buffers.Binary;
using System.Text;

namespace Repro.MLNet;

/// <summary>
/// Writes a ZIP whose bytes depend only on its entries' names and contents. System.IO.Compression.ZipArchive
/// cannot: it stamps each entry with the current time, writes the current OS in "version made by", and its deflate
/// output depends on the runtime's zlib build (zlib-ng since .NET 9). So every entry here is stored (not
/// compressed), dated 1980-01-01 00:00 (the DOS epoch), with fixed version fields, no extra fields, no comments,
/// no attributes, and a CRC-32 computed here. The caller adds entries in the order it wants them on disk.
/// </summary>
internal sealed class CanonicalZip(Stream destination)
{
    // APPNOTE 4.4.3: 2.0 covers stored files and folders; made-by host 0 (MS-DOS) because no attributes are written.
    private const ushort Version = 20;

    // APPNOTE 4.4.4 bit 11: names are UTF-8, whatever they contain, so the reader never guesses a code page.
    private const ushort Utf8Names = 1 << 11;

    private const ushort Stored = 0;
    private const ushort DosTime = 0;                              // 00:00:00
    private const ushort DosDate = (0 << 9) | (1 << 5) | 1;        // 1980-01-01

    private readonly List<CentralRecord> _records = [];
    private long _offset;

    /// <summary>Writes one entry's local header and contents.</summary>
    public void Add(string name, ReadOnlySpan<byte> content)
    {
        if (_records.Count == ushort.MaxValue)
        {
            throw new NotSupportedException($"a canonical model holds at most {ushort.MaxValue - 1} entries (no ZIP64).");
        }

        var record = new CentralRecord(Encoding.UTF8.GetBytes(name), System.IO.Hashing.Crc32.HashToUInt32(content), (uint)content.Length, ToUInt32(_offset));
        var header = new byte[30 + record.Name.Length];
        var span = header.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(span[0..], 0x04034B50);
        BinaryPrimitives.WriteUInt16LittleEndian(span[4..], Version);
        WriteCommonFields(span[6..], record);
        BinaryPrimitives.WriteUInt16LittleEndian(span[28..], 0);   // extra field length
        record.Name.CopyTo(span[30..]);

        Emit(header);
        Emit(content);
        _records.Add(record);
    }

    /// <summary>Writes the central directory and its end record; the archive is complete after this.</summary>
    public void Finish()
    {
        var directoryOffset = ToUInt32(_offset);
        foreach (var record in _records)
        {
            var header = new byte[46 + record.Name.Length];
            var span = header.AsSpan();
            BinaryPrimitives.WriteUInt32LittleEndian(span[0..], 0x02014B50);
            BinaryPrimitives.WriteUInt16LittleEndian(span[4..], Version);   // made by: MS-DOS host, spec 2.0
            BinaryPrimitives.WriteUInt16LittleEndian(span[6..], Version);   // needed to extract
            WriteCommonFields(span[8..], record);
            // extra length, comment length, disk number, internal and external attributes stay 0.
            BinaryPrimitives.WriteUInt32LittleEndian(span[42..], record.LocalHeaderOffset);
            record.Name.CopyTo(span[46..]);
            Emit(header);
        }

        var directorySize = ToUInt32(_offset - directoryOffset);
        var end = new byte[22];
        var endSpan = end.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(endSpan[0..], 0x06054B50);
        BinaryPrimitives.WriteUInt16LittleEndian(endSpan[8..], (ushort)_records.Count);
        BinaryPrimitives.WriteUInt16LittleEndian(endSpan[10..], (ushort)_records.Count);
        BinaryPrimitives.WriteUInt32LittleEndian(endSpan[12..], directorySize);
        BinaryPrimitives.WriteUInt32LittleEndian(endSpan[16..], directoryOffset);
        Emit(end);
    }

    // Flags through name length: the same 24 bytes in the local and the central header.
    private static void WriteCommonFields(Span<byte> span, CentralRecord record)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(span[0..], Utf8Names);
        BinaryPrimitives.WriteUInt16LittleEndian(span[2..], Stored);
        BinaryPrimitives.WriteUInt16LittleEndian(span[4..], DosTime);
        BinaryPrimitives.WriteUInt16LittleEndian(span[6..], DosDate);
        BinaryPrimitives.WriteUInt32LittleEndian(span[8..], record.Crc);
        BinaryPrimitives.WriteUInt32LittleEndian(span[12..], record.Size);  // compressed = uncompressed: stored
        BinaryPrimitives.WriteUInt32LittleEndian(span[16..], record.Size);
        BinaryPrimitives.WriteUInt16LittleEndian(span[20..], checked((ushort)record.Name.Length));
    }

    private void Emit(ReadOnlySpan<byte> bytes)
    {
        destination.Write(bytes);
        _offset += bytes.Length;
    }

    private static uint ToUInt32(long offset) => offset <= uint.MaxValue
        ? (uint)offset
        : throw new NotSupportedException("a canonical model must stay under 4 GiB (no ZIP64).");

    private sealed record CentralRecord(byte[] Name, uint Crc, uint Size, uint LocalHeaderOffset);
}
