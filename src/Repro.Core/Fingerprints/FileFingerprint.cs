using Repro.Diagnostics;

namespace Repro.Fingerprints;

/// <summary>One file as a record holds it: path (with '/', relative to a stated folder), SHA-256 and size.</summary>
public sealed record FileFingerprint(string Path, string Sha256, long Bytes)
{
    /// <summary>
    /// Fingerprints of the given files and folders, relative to <paramref name="baseDirectory"/>: a folder gives one
    /// entry per file inside it. Sorted by path, ordinal, so the list never depends on the file system's order.
    /// </summary>
    /// <param name="sha256">Hashes one file given its full path; <see cref="FileHash.Sha256"/> unless a <see cref="HashCache"/> answers.</param>
    public static IReadOnlyList<FileFingerprint> Of(string baseDirectory, IEnumerable<string> paths, Func<string, string>? sha256 = null)
    {
        sha256 ??= FileHash.Sha256;
        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var full = System.IO.Path.GetFullPath(System.IO.Path.Combine(baseDirectory, path));
            if (Directory.Exists(full))
            {
                foreach (var file in Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories))
                {
                    files.Add(Relative(baseDirectory, file));
                }
            }
            else
            {
                files.Add(Relative(baseDirectory, full));
            }
        }

        return files.Select(file =>
        {
            var full = System.IO.Path.Combine(baseDirectory, file);
            return new FileFingerprint(file, InputFile.Read(full, sha256), new FileInfo(full).Length);
        }).ToArray();
    }

    private static string Relative(string baseDirectory, string path) =>
        System.IO.Path.GetRelativePath(baseDirectory, path).Replace('\\', '/');
}
