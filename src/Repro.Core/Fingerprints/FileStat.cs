namespace Repro.Fingerprints;

/// <summary>
/// What the file system says about a file without reading it: size, last-write time and file id. When none of them
/// changed, neither did the file, short of someone setting the time back by hand.
/// </summary>
/// <param name="LastWriteUtcTicks">The last-write time, UTC, in 100 ns ticks.</param>
/// <param name="FileId">The inode (Unix) or file index (Windows) with its device or volume, or null where the OS gives none.</param>
public sealed record FileStat(long Bytes, long LastWriteUtcTicks, string? FileId)
{
    public static FileStat Read(string path)
    {
        var info = new FileInfo(path);
        return new FileStat(info.Length, info.LastWriteTimeUtc.Ticks, FileIdentity.Of(path));
    }
}
