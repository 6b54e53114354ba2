using System.Globalization;
using System.Security;
using System.Text;
using System.Text.RegularExpressions;
using Repro.Diagnostics;
using Repro.Experiments;
using Repro.Records;

namespace Repro.Experiments;

/// <summary>One value ApplyParams changed in the project file; null means absent.</summary>
public sealed record ParamChange(string Name, string? Before, string? After);

/// <summary>
/// Writes a run's seed, test size, data and parameters back into its &lt;Experiment&gt; item, so the next Train
/// trains exactly that configuration. The file is edited as text inside that one element: line breaks between
/// attributes, quotes, comments and every other line stay exactly as written.
/// </summary>
public static partial class ProjectFileEditor
{
    public static IReadOnlyList<ParamChange> Apply(string projectFile, RunRecord record, IReadOnlyList<string> data)
    {
        var bytes = InputFile.Read(projectFile, File.ReadAllBytes);
        var bom = bytes.AsSpan().StartsWith(Encoding.UTF8.GetPreamble());
        var text = new UTF8Encoding(false).GetString(bytes, bom ? 3 : 0, bytes.Length - (bom ? 3 : 0));
        var element = FindElement(text, Path.GetFileName(projectFile), record);

        var current = Metadata(text, element);
        var wanted = new SortedDictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Seed"] = record.Seed.ToString(CultureInfo.InvariantCulture),
            ["TestSize"] = record.TestSize?.ToString("R", CultureInfo.InvariantCulture),
            ["Data"] = data.Count == 0 ? null : string.Join(";", data),
        };
        foreach (var (name, value) in record.Params)
        {
            wanted[name] = value;
        }

        // Parameters the item has and the run did not use go, or the next run would not be the same configuration.
        foreach (var name in current.Keys.Where(n => !ExperimentSpec.WellKnownMetadata.Contains(n) && !record.Params.ContainsKey(n)))
        {
            wanted[name] = null;
        }

        var changes = wanted
            .Where(w => current.GetValueOrDefault(w.Key)?.Value != w.Value)
            .Select(w => new ParamChange(current.GetValueOrDefault(w.Key)?.Name ?? w.Key, current.GetValueOrDefault(w.Key)?.Value, w.Value))
            .ToArray();
        if (changes.Length == 0)
        {
            return changes;
        }

        // Edit from the end of the file backwards, so earlier offsets stay valid.
        var edits = changes.Select(c => Edit(text, element, current.GetValueOrDefault(c.Name), c)).OrderByDescending(e => e.Start).ToArray();
        var edited = new StringBuilder(text);
        foreach (var (start, length, replacement) in edits)
        {
            edited.Remove(start, length).Insert(start, replacement);
        }

        var temporary = projectFile + ".tmp";
        File.WriteAllText(temporary, edited.ToString(), new UTF8Encoding(bom));
        File.Move(temporary, projectFile, overwrite: true);
        return changes;
    }

    /// <summary>What ApplyParams says it did.</summary>
    public static string Describe(string runId, string experiment, IReadOnlyList<ParamChange> changes) => changes.Count == 0
        ? $"experiment '{experiment}' already has the parameters of run {runId}"
        : $"wrote run {runId}'s parameters into <Experiment Include=\"{experiment}\">:\n" +
          string.Join("\n", changes.Select(c => $"    {c.Name}: {c.Before ?? "(none)"} → {c.After ?? "(removed)"}"));

    private sealed record Element(int TagStart, int TagEnd, int BodyEnd);

    private sealed record Metadatum(string Name, string Value, int Start, int Length, bool IsAttribute);

    /// <summary>The start tag's span of the experiment's own element (and, for an element with children, where its body ends).</summary>
    private static Element FindElement(string text, string fileName, RunRecord record)
    {
        var declaring = ExperimentElements.Read(new StringReader(text)).Where(e => e.Declares(record.Experiment)).ToArray();
        var own = declaring.FirstOrDefault(e => e.Names.Count == 1) ?? throw new ReproException(ErrorCode.ExperimentNotInProject, declaring.Length == 0
            ? $"'{fileName}' has no <Experiment Include=\"{record.Experiment}\"> of its own to write run {record.RunId}'s parameters into: add the item, then run ApplyParams again."
            : $"'{fileName}' declares experiment '{record.Experiment}' in <Experiment Include=\"{string.Join(";", declaring[0].Names)}\"> with others, which the parameters of " +
              $"run {record.RunId} would change too: give it an <Experiment> of its own, then run ApplyParams again.");
        var tagStart = Offset(text, own.Line, own.Column);
        var tagEnd = EndOfTag(text, tagStart);
        var bodyEnd = text[tagEnd - 2] == '/' ? tagEnd : text.IndexOf("</" + ExperimentElements.ItemType, tagEnd, StringComparison.Ordinal);
        return new Element(tagStart, tagEnd, bodyEnd);
    }

    private static Dictionary<string, Metadatum> Metadata(string text, Element element)
    {
        var values = new Dictionary<string, Metadatum>(StringComparer.OrdinalIgnoreCase);
        foreach (Match match in AttributePattern().Matches(text[element.TagStart..element.TagEnd]))
        {
            var name = match.Groups["name"].Value;
            if (!IsItemAttribute(name))
            {
                values[name] = new Metadatum(name, Unescape(match.Groups["value"].Value), element.TagStart + match.Index, match.Length, IsAttribute: true);
            }
        }

        foreach (Match match in ChildPattern().Matches(text[element.TagEnd..element.BodyEnd]))
        {
            var name = match.Groups["name"].Value;
            values[name] = new Metadatum(name, Unescape(match.Groups["value"].Value), element.TagEnd + match.Index, match.Length, IsAttribute: false);
        }

        return values;
    }

    private static (int Start, int Length, string Replacement) Edit(string text, Element element, Metadatum? existing, ParamChange change)
    {
        var escaped = change.After is null ? null : SecurityElement.Escape(change.After);
        if (existing is null)
        {
            // A new attribute goes last in the start tag, before any white space that precedes '>' or '/>'.
            var close = text[element.TagEnd - 2] == '/' ? element.TagEnd - 2 : element.TagEnd - 1;
            while (char.IsWhiteSpace(text[close - 1]))
            {
                close--;
            }

            return (close, 0, $" {change.Name}=\"{escaped}\"");
        }

        if (escaped is null)
        {
            // A removed child element takes its line with it.
            var lineBreak = !existing.IsAttribute && text.Length > existing.Start + existing.Length && text[existing.Start + existing.Length] == '\n' ? 1 : 0;
            return (existing.Start, existing.Length + lineBreak, "");
        }

        var original = text.Substring(existing.Start, existing.Length);
        var replaced = existing.IsAttribute
            ? AttributePattern().Replace(original, m => m.Value[..(m.Groups["value"].Index - m.Index)] + escaped + m.Value[(m.Groups["value"].Index - m.Index + m.Groups["value"].Length)..])
            : ChildPattern().Replace(original, m => $"{m.Groups["indent"].Value}<{m.Groups["name"].Value}>{escaped}</{m.Groups["name"].Value}>");
        return (existing.Start, existing.Length, replaced);
    }

    private static int Offset(string text, int line, int position)
    {
        var offset = 0;
        for (var i = 1; i < line; i++)
        {
            offset = text.IndexOf('\n', offset) + 1;
        }

        return offset + position - 1;
    }

    private static int EndOfTag(string text, int start)
    {
        char? quote = null;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is not null)
            {
                quote = c == quote ? null : quote;
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '>')
            {
                return i + 1;
            }
        }

        return text.Length;
    }

    private static string Unescape(string value) =>
        value.Replace("&quot;", "\"").Replace("&apos;", "'").Replace("&lt;", "<").Replace("&gt;", ">").Replace("&amp;", "&");

    private static bool IsItemAttribute(string name) =>
        name is "Include" or "Exclude" or "Remove" or "Update" or "Condition" or "Label" or "KeepMetadata" or "RemoveMetadata" or "KeepDuplicates" or "MatchOnMetadata" or "MatchOnMetadataOptions";

    [GeneratedRegex("""\s+(?<name>[A-Za-z_][\w.-]*)\s*=\s*(?:"(?<value>[^"]*)"|'(?<value>[^']*)')""")]
    private static partial Regex AttributePattern();

    [GeneratedRegex("""(?<indent>[ \t]*)<(?<name>[A-Za-z_][\w.-]*)>(?<value>[^<]*)</\k<name>>""")]
    private static partial Regex ChildPattern();
}
