using System.Reflection;
using System.Text;
using System.Text.Json;
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
    /// <summary>The page for the data.</summary>
    public static string Render(PageData data) => Render(data, null);

    /// <param name="stamp">What the page is built from (<see cref="PageStamp"/>), so a later build can tell it is current; null for none.</param>
    public static string Render(PageData data, string? stamp)
    {
        // The default encoder writes '<', '>' and '&' as \u escapes: the JSON cannot close its script element.
        var json = JsonSerializer.Serialize(data, PageJsonContext.Default.PageData);
        return Resource("page.html")
            .Replace("$STAMP$", PageStamp.Line(stamp), StringComparison.Ordinal)
            .Replace("$TITLE$", System.Net.WebUtility.HtmlEncode(data.Project), StringComparison.Ordinal)
            .Replace("$STYLE$", Resource("page.css").TrimEnd(), StringComparison.Ordinal)
            .Replace("$SCRIPT$", Resource("page.js").TrimEnd(), StringComparison.Ordinal)
            .Replace("$DATA$", json, StringComparison.Ordinal);
    }

    /// <summary>
    /// Reads the store and writes the page. A page whose stamp matches the store and registry as they are now is not
    /// built again (Built is false), and one already holding the bytes built is left as it is.
    /// </summary>
    /// <returns>The page's path and how many runs it shows.</returns>
    public static (string Path, int Runs, bool Built) Write(string projectFile, RunStore store, ModelRegistry registry, string path, IRunLog log)
    {
        var full = System.IO.Path.GetFullPath(path);
        var folder = System.IO.Path.GetDirectoryName(full)!;
        var stamp = PageStamp.Of(projectFile, store, registry, full);
        if (stamp is not null && PageStamp.Read(full) == stamp)
        {
            return (full, store.RunIds().Count + store.Partials().Count, false);
        }

        // A build that warned stamps nothing: the next one builds the page again, and warns again.
        var warnings = new WarningCount(log);
        var data = PageBuilder.Build(projectFile, store, registry, folder, warnings);
        var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(Render(data, warnings.Count == 0 ? stamp : null));
        if (!File.Exists(full) || !File.ReadAllBytes(full).AsSpan().SequenceEqual(bytes))
        {
            var temporary = $"{full}.{Guid.NewGuid():N}.tmp";
            try
            {
                Directory.CreateDirectory(folder);
                File.WriteAllBytes(temporary, bytes);
                File.Move(temporary, full, overwrite: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                File.Delete(temporary);
                throw new ReproException(ErrorCode.ReportUnwritable,
                    $"the runs page '{full}' cannot be written ({e.Message}): point -p:ReportFile at a writable path.", e);
            }
        }

        return (full, data.Runs.Count, true);
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
