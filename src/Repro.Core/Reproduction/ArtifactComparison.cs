using System.IO.Compression;
using System.Security.Cryptography;
using Repro.Fingerprints;

namespace Repro.Reproduction;

/// <summary>How a reproduction's artifacts compare with the recorded ones.</summary>
/// <param name="Changed">Artifacts whose content differs, or that are missing or new.</param>
/// <param name="SameEntries">ZIP artifacts whose bytes differ but whose entries (names and contents) are the same.</param>
/// <param name="ChangedEntries">For a changed ZIP artifact: the entries that differ, are missing or are new.</param>
public sealed record ArtifactChanges(
    IReadOnlyList<string> Changed,
    IReadOnlyList<string> SameEntries,
    SortedDictionary<string, IReadOnlyList<string>> ChangedEntries)
{
    public static readonly ArtifactChanges None = new([], [], new(StringComparer.Ordinal));
}

/// <summary>
/// Compares artifacts by SHA-256, and a ZIP artifact whose hash differs by its entries: a model container such as
/// ML.NET's model.zip stamps every entry with the time of saving, so two saves of one model differ in bytes alone.
/// </summary>
public static class ArtifactComparison
{
    public static ArtifactChanges Compare(
        IReadOnlyList<FileFingerprint> recorded, string? recordedFolder, IReadOnlyList<FileFingerprint> now, string? nowFolder)
    {
        var before = recorded.ToDictionary(f => f.Path, f => f.Sha256, StringComparer.Ordinal);
        var after = now.ToDictionary(f => f.Path, f => f.Sha256, StringComparer.Ordinal);
        var changed = new List<string>();
        var sameEntries = new List<string>();
        var changedEntries = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var path in before.Keys.Union(after.Keys).Order(StringComparer.Ordinal))
        {
            if (before.GetValueOrDefault(path) == after.GetValueOrDefault(path))
            {
                continue;
            }

            var entries = before.ContainsKey(path) && after.ContainsKey(path) && recordedFolder is not null && nowFolder is not null
                ? DifferentEntries(Path.Combine(recordedFolder, path), Path.Combine(nowFolder, path))
                : null;
            if (entries is { Count: 0 })
            {
                sameEntries.Add(path);
                continue;
            }

            changed.Add(path);
            if (entries is not null)
            {
                changedEntries[path] = entries;
            }
        }

        return new ArtifactChanges(changed, sameEntries, changedEntries);
    }

    /// <summary>The entries that differ between two ZIP files, or null when either is not a ZIP file.</summary>
    public static IReadOnlyList<string>? DifferentEntries(string recordedPath, string nowPath)
    {
        var before = Entries(recordedPath);
        var after = before is null ? null : Entries(nowPath);
        if (before is null || after is null)
        {
            return null;
        }

        return before.Keys.Union(after.Keys)
            .Where(name => before.GetValueOrDefault(name) != after.GetValueOrDefault(name))
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    // Entry name → SHA-256 of its content; a name that occurs twice is told apart by its position among equals.
    private static Dictionary<string, string>? Entries(string path)
    {
        if (!IsZip(path))
        {
            return null;
        }

        try
        {
            using var archive = ZipFile.OpenRead(path);
            var entries = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var entry in archive.Entries)
            {
                using var content = entry.Open();
                var name = entry.FullName;
                for (var copy = 2; entries.ContainsKey(name); copy++)
                {
                    name = $"{entry.FullName} (#{copy})";
                }

                entries[name] = Convert.ToHexString(SHA256.HashData(content)).ToLowerInvariant();
            }

            return entries;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    private static bool IsZip(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        Span<byte> magic = stackalloc byte[4];
        using var file = File.OpenRead(path);
        return file.Read(magic) == 4 && magic is [(byte)'P', (byte)'K', 3, 4];
    }
}
