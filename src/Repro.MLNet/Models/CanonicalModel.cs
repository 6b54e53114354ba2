using System.IO.Compression;

namespace Repro.MLNet;

/// <summary>
/// Rewrites a saved ML.NET model (a ZIP) in canonical form: the same model gives the same bytes on every save and
/// every machine, and <c>ml.Model.Load</c> reads it as before. Entries keep their contents, with '/' as the folder
/// separator (ML.NET writes the OS's separator), in ordinal name order, stored uncompressed with fixed dates and fields.
/// </summary>
public static class CanonicalModel
{
    /// <summary>Reads the ZIP in <paramref name="source"/> and writes its canonical form to <paramref name="destination"/>.</summary>
    /// <param name="source">A ZIP, for example what <c>ml.Model.Save</c> wrote; left open.</param>
    /// <param name="destination">Where the canonical ZIP goes; left open.</param>
    /// <exception cref="InvalidDataException">When the source is not a ZIP, or two entries have the same name.</exception>
    /// <exception cref="NotSupportedException">When the model would need ZIP64 (4 GiB or 65,535 entries) or has an entry over 2 GiB.</exception>
    public static void Write(Stream source, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);

        using var archive = new ZipArchive(source, ZipArchiveMode.Read, leaveOpen: true);
        var entries = new SortedDictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
        foreach (var entry in archive.Entries)
        {
            var name = entry.FullName.Replace('\\', '/');
            if (!entries.TryAdd(name, entry))
            {
                throw new InvalidDataException($"the model holds the entry '{name}' twice.");
            }
        }

        var zip = new CanonicalZip(destination);
        foreach (var (name, entry) in entries)
        {
            zip.Add(name, ReadAll(entry));
        }

        zip.Finish();
    }

    private static byte[] ReadAll(ZipArchiveEntry entry)
    {
        if (entry.Length > Array.MaxLength)
        {
            throw new NotSupportedException($"the model's entry '{entry.FullName}' is over 2 GiB.");
        }

        using var stream = entry.Open();
        using var buffer = new MemoryStream((int)entry.Length);
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
