using System.Text;
using Repro.Fingerprints;
using Repro.Registry;
using Repro.Runs;

namespace Repro.Report;

/// <summary>
/// What a runs page was built from: every file and folder of the run store and the registry by path, size and time,
/// the project, the page's folder and the Repro that built it. The page carries it in its head, so a page whose
/// stamp still matches is not built again: Train refreshes the page at every build, and most builds change nothing.
/// </summary>
public static class PageStamp
{
    private const string Before = "<meta name=\"repro-inputs\" content=\"";

    // A file written within the file system's time grain could change again without its time changing (git's "racily
    // clean" files): a page built from such a file gets no stamp, so the next build builds it again.
    private static readonly TimeSpan Settled = TimeSpan.FromSeconds(2);

    /// <summary>The stamp of what the page at <paramref name="pagePath"/> would be built from now, or null when a file is too new to trust.</summary>
    public static string? Of(string projectFile, RunStore store, ModelRegistry registry, string pagePath)
    {
        try
        {
            return Listing(projectFile, store, registry, pagePath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A folder another build removed while it was listed: the page is built, as it was before stamps.
            return null;
        }
    }

    private static string? Listing(string projectFile, RunStore store, ModelRegistry registry, string pagePath)
    {
        var lines = new List<string>
        {
            // The page's links are relative to its folder, so the folder is what its bytes depend on, not its name.
            "page folder\t" + Path.GetDirectoryName(pagePath),
            "project\t" + Path.GetFullPath(projectFile),
            "repro\t" + typeof(PageStamp).Assembly.ManifestModule.ModuleVersionId.ToString("N"),
        };
        var settledBefore = DateTime.UtcNow - Settled;
        foreach (var root in new[] { store.Directory, registry.Directory })
        {
            lines.Add("root\t" + root);
            if (!Directory.Exists(root))
            {
                continue;
            }

            foreach (var entry in new DirectoryInfo(root).EnumerateFileSystemInfos("*", SearchOption.AllDirectories))
            {
                // The page itself, and its temporary file while another build writes it.
                if (entry.FullName == pagePath || entry.FullName.StartsWith(pagePath + ".", StringComparison.Ordinal))
                {
                    continue;
                }

                // A folder is its name: what it holds is listed, and writing the page changes its time.
                if (entry is not FileInfo file)
                {
                    lines.Add("folder\t" + entry.FullName);
                    continue;
                }

                if (file.LastWriteTimeUtc > settledBefore)
                {
                    return null;
                }

                lines.Add($"file\t{file.FullName}\t{file.Length}\t{file.LastWriteTimeUtc.Ticks}");
            }
        }

        lines.Sort(StringComparer.Ordinal);
        return FileHash.Sha256Bytes(Encoding.UTF8.GetBytes(string.Join("\n", lines)));
    }

    /// <summary>The page's head line that carries <paramref name="stamp"/>; an empty one for none.</summary>
    public static string Line(string? stamp) => $"{Before}{stamp}\">";

    /// <summary>The stamp the page at <paramref name="pagePath"/> carries, or null.</summary>
    public static string? Read(string pagePath)
    {
        try
        {
            using var stream = File.OpenRead(pagePath);
            var head = new byte[1024];
            var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            var text = Encoding.UTF8.GetString(head, 0, read);
            var start = text.IndexOf(Before, StringComparison.Ordinal);
            var end = start < 0 ? -1 : text.IndexOf('"', start + Before.Length);
            return end > start + Before.Length ? text[(start + Before.Length)..end] : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
