using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Repro.Diagnostics;
using Repro.Registry;
using Repro.Runs;

namespace Repro.Report;

/// <summary>
/// The runs page: one HTML file holding its data (one JSON block), its script and its styles, so it opens from
/// file:// or as a downloaded CI artifact with nothing loaded from anywhere. Its Content-Security-Policy forbids every
/// request besides the file itself. The same records give the same bytes: the page has no time of its own.
/// </summary>
public static class RunsPage
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    // The page's template cut at its fields ($DATA$ and the others), and the styles and script it embeds: read once.
    private static readonly Lazy<(string[] Parts, string Style, string Script)> Template = new(() =>
        (Regex.Split(Resource("page.html"), @"(\$(?:STAMP|TITLE|STYLE|SCRIPT|DATA)\$)"), Resource("page.css").TrimEnd(), Resource("page.js").TrimEnd()));

    /// <summary>The page for the data.</summary>
    public static string Render(PageData data) => Render(data, null);

    /// <param name="stamp">What the page is built from (<see cref="PageStamp"/>), so a later build can tell it is current; null for none.</param>
    public static string Render(PageData data, string? stamp)
    {
        using var bytes = new MemoryStream();
        Render(data, stamp, bytes);
        return Utf8.GetString(bytes.GetBuffer(), 0, (int)bytes.Length);
    }

    /// <summary>
    /// The page written to a stream, in pieces: a page of many runs is never one large string or array, which in the
    /// build's process would start a full garbage collection (a tenth of a second) for the allocation alone.
    /// </summary>
    public static void Render(PageData data, string? stamp, Stream output)
    {
        var (parts, style, script) = Template.Value;
        using var writer = new StreamWriter(output, Utf8, bufferSize: 16 * 1024, leaveOpen: true);
        foreach (var part in parts)
        {
            switch (part)
            {
                case "$STAMP$": writer.Write(PageStamp.Line(stamp)); break;
                case "$TITLE$": writer.Write(System.Net.WebUtility.HtmlEncode(data.Project)); break;
                case "$STYLE$": writer.Write(style); break;
                case "$SCRIPT$": writer.Write(script); break;
                case "$DATA$":
                    // The default encoder writes '<', '>' and '&' as \u escapes: the JSON cannot close its script element.
                    writer.Flush();
                    JsonSerializer.Serialize(output, data, PageJsonContext.Default.PageData);
                    break;
                default: writer.Write(part); break;
            }
        }
    }

    /// <summary>
    /// Reads the store and writes the page. A page whose stamp matches the store and registry as they are now is not
    /// built again (Built is false), and one already holding the bytes built is left as it is.
    /// </summary>
    /// <returns>The page's path and how many runs it shows.</returns>
    /// <param name="records">The records a <see cref="Warm"/> of this build read, read again only where changed; null to read each.</param>
    public static (string Path, int Runs, bool Built) Write(string projectFile, RunStore store, ModelRegistry registry, string path, IRunLog log,
        RecordCache? records = null)
    {
        var full = System.IO.Path.GetFullPath(path);
        var folder = System.IO.Path.GetDirectoryName(full)!;
        var stamp = PageStamp.Of(projectFile, store, registry, full);
        if (stamp is not null && PageStamp.Read(full) == stamp)
        {
            return (full, store.RunIds().Count + store.Partials().Count, false);
        }

        // A build that warned stamps nothing: the next one builds the page again, and warns again.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var warnings = new WarningCount(log);
        var data = PageBuilder.Build(projectFile, store, registry, folder, warnings, partials: true, records);
        var read = clock.ElapsedMilliseconds;
        var pageStamp = warnings.Count == 0 ? stamp : null;
        if (!Holds(full, data, pageStamp))
        {
            var temporary = $"{full}.{Guid.NewGuid():N}.tmp";
            try
            {
                Directory.CreateDirectory(folder);
                using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 16 * 1024))
                {
                    Render(data, pageStamp, file);
                }

                File.Move(temporary, full, overwrite: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                File.Delete(temporary);
                throw new ReproException(ErrorCode.ReportUnwritable,
                    $"the runs page '{full}' cannot be written ({e.Message}): point -p:ReportFile at a writable path.", e);
            }
        }

        log.Detail($"runs page: store read in {read} ms, written in {clock.ElapsedMilliseconds - read} ms");
        return (full, data.Runs.Count, true);
    }

    /// <summary>Whether the file at the path already holds the page, compared as it is rendered; false when there is none.</summary>
    private static bool Holds(string path, PageData data, string? stamp)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 16 * 1024);
            var comparison = new ComparingStream(file);
            Render(data, stamp, comparison);
            return comparison.Same && file.ReadByte() < 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // None, or none to read: writing it says whether it can be written.
            return false;
        }
    }

    /// <summary>
    /// Builds the page in memory from the runs recorded so far and drops it, keeping the records it read. Done while a
    /// program runs, it compiles the page's code and System.Text.Json's for the records (a tenth of a second, once per
    /// process) while the build would otherwise wait, so the page written after the runs reads only the new records
    /// (<see cref="Write"/> with the same <paramref name="records"/>). Runs under way are not touched. What fails to
    /// read here fails again, and is reported, when the page is written.
    /// </summary>
    public static void Warm(string projectFile, ModelRegistry registry, string path, RecordCache records)
    {
        try
        {
            var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
            Render(PageBuilder.Build(projectFile, records.Store, registry, folder, SilentRunLog.Instance, partials: false, records), null, Stream.Null);
        }
        catch (Exception e) when (e is ReproException or IOException or UnauthorizedAccessException)
        {
            // Reported by the page's own build, which reads the same files.
        }
    }

    private sealed class WarningCount(IRunLog inner) : IRunLog
    {
        public int Count { get; private set; }

        public void Progress(string message) => inner.Progress(message);

        public void Detail(string message) => inner.Detail(message);

        public void Warning(string code, string message)
        {
            Count++;
            inner.Warning(code, message);
        }

        public void Error(string code, string message)
        {
            Count++;
            inner.Error(code, message);
        }
    }

    private static string Resource(string name)
    {
        using var stream = typeof(RunsPage).Assembly.GetManifestResourceStream("Repro.Report." + name)
            ?? throw new InvalidOperationException($"Repro.Core is built without its page resource {name}");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
    }
}
