using System.Globalization;

namespace Repro.Profiles;

/// <summary>
/// What changed between two profiles of a data file, in words: the rows that went and came, the columns whose type or
/// statistics moved, the label's classes, and whether the schema held.
/// </summary>
public static class ProfileComparison
{
    /// <summary>How many lines, columns or classes a description names; the rest are counted.</summary>
    internal const int Named = 5;

    /// <param name="rows">The row fingerprints' comparison, when both sides' fingerprints are kept.</param>
    public static string? Describe(DataProfile? before, DataProfile? after, RowChanges? rows)
    {
        if (before is null || after is null)
        {
            return null;
        }

        if (before.Format != DataFormat.Delimited || after.Format != DataFormat.Delimited)
        {
            return before.Bytes == after.Bytes ? "same size, other bytes" : $"size {Bytes(before.Bytes)} → {Bytes(after.Bytes)}";
        }

        var parts = new List<string>();
        if (Rows(before, after, rows) is { } rowText)
        {
            parts.Add(rowText);
        }

        var beforeColumns = Columns(before);
        var afterColumns = Columns(after);
        var changes = new List<string>();
        // The same rows in another order hold the same values; a mean that moved in its last digit moved by summation order.
        var sameRows = rows is { Reordered: true };
        foreach (var column in afterColumns.Values)
        {
            if (!sameRows && beforeColumns.TryGetValue(column.Name, out var was))
            {
                changes.AddRange(Column(was, column, column.Name == after.LabelColumn));
            }
        }

        parts.AddRange(Limited(changes, "more changes"));
        parts.Add(Schema(before, after, beforeColumns, afterColumns));
        return string.Join("; ", parts);
    }

    private static string? Rows(DataProfile before, DataProfile after, RowChanges? rows)
    {
        var count = before.Rows == after.Rows ? $"rows {before.Rows}" : $"rows {before.Rows} → {after.Rows}";
        if (rows is null)
        {
            return before.Rows == after.Rows ? null : count;
        }

        if (rows.Reordered)
        {
            return $"{count}, the same rows reordered";
        }

        var changed = rows.RemovedLines.Intersect(rows.AddedLines).ToHashSet();
        var words = new List<string>();
        Lines(words, rows.RemovedLines.Where(l => !changed.Contains(l)).ToArray(), "removed");
        Lines(words, rows.AddedLines.Where(l => !changed.Contains(l)).ToArray(), "added");
        Lines(words, changed.Order().ToArray(), "changed");
        // Other bytes, the same rows in the same order: line endings, quoting, a trailing newline.
        return words.Count == 0 ? $"{count}, the same rows" : $"{count} ({string.Join(", ", words)})";
    }

    private static void Lines(List<string> words, IReadOnlyList<long> lines, string what)
    {
        if (lines.Count == 0)
        {
            return;
        }

        var named = string.Join(", ", lines.Take(Named).Select(l => l.ToString(CultureInfo.InvariantCulture)));
        var more = lines.Count > Named ? $" and {lines.Count - Named} more" : "";
        words.Add($"{(lines.Count == 1 ? "line" : "lines")} {named}{more} {what}");
    }

    private static IEnumerable<string> Column(ColumnProfile before, ColumnProfile after, bool label)
    {
        if (before.Type != after.Type)
        {
            var first = after.FirstText is { } text && after.Type == ColumnType.Text ? $" (line {text.Line}: \"{text.Value}\")" : "";
            yield return $"column {after.Name}: {before.Type} → {after.Type}{first}";
            yield break;
        }

        if (before.Missing != after.Missing)
        {
            yield return $"{after.Name} missing {before.Missing} → {after.Missing}";
        }

        if (label && Classes(before, after) is { } classes)
        {
            yield return $"{after.Name} {classes}";
            yield break;
        }

        foreach (var (name, was, now) in (ReadOnlySpan<(string, double?, double?)>)[("mean", before.Mean, after.Mean), ("std", before.StdDev, after.StdDev), ("min", before.Min, after.Min), ("max", before.Max, after.Max)])
        {
            if (was is { } a && now is { } b && a != b)
            {
                yield return $"{after.Name} {name} {Number(a, b)} → {Number(b, a)}";
                yield break; // the first statistic that moved says the column changed; the profile has the rest
            }
        }
    }

    /// <summary>The classes whose counts moved: "setosa 50 → 49, virginica 0 → 1".</summary>
    private static string? Classes(ColumnProfile before, ColumnProfile after)
    {
        var was = (before.Values ?? []).ToDictionary(v => v.Value, v => v.Count, StringComparer.Ordinal);
        var now = (after.Values ?? []).ToDictionary(v => v.Value, v => v.Count, StringComparer.Ordinal);
        var moved = was.Keys.Union(now.Keys).Order(StringComparer.Ordinal)
            .Where(c => was.GetValueOrDefault(c) != now.GetValueOrDefault(c))
            .Select(c => $"{c} {was.GetValueOrDefault(c)} → {now.GetValueOrDefault(c)}").ToArray();
        return moved.Length == 0 ? null : string.Join(", ", Limited(moved, "more classes"));
    }

    private static string Schema(DataProfile before, DataProfile after, IReadOnlyDictionary<string, ColumnProfile> was, IReadOnlyDictionary<string, ColumnProfile> now)
    {
        var removed = was.Keys.Where(n => !now.ContainsKey(n)).ToArray();
        var added = now.Keys.Where(n => !was.ContainsKey(n)).ToArray();
        var types = now.Values.Count(c => was.TryGetValue(c.Name, out var w) && w.Type != c.Type);
        var words = new List<string>();
        if (removed.Length > 0)
        {
            words.Add("columns removed: " + string.Join(", ", Limited(removed, "more")));
        }

        if (added.Length > 0)
        {
            words.Add("columns added: " + string.Join(", ", Limited(added, "more")));
        }

        if (before.Delimiter != after.Delimiter)
        {
            words.Add($"delimiter \"{Escaped(before.Delimiter)}\" → \"{Escaped(after.Delimiter)}\"");
        }

        if (words.Count > 0)
        {
            return "schema changed: " + string.Join("; ", words);
        }

        return types > 0 ? "schema: types changed" : "schema same";
    }

    // Columns by name, in file order; a header that names a column twice keeps the first.
    private static IReadOnlyDictionary<string, ColumnProfile> Columns(DataProfile profile)
    {
        var columns = new Dictionary<string, ColumnProfile>(StringComparer.Ordinal);
        foreach (var column in profile.Columns ?? [])
        {
            columns.TryAdd(column.Name, column);
        }

        return columns;
    }

    private static IEnumerable<string> Limited(IReadOnlyList<string> items, string rest) =>
        items.Count > Named ? [.. items.Take(Named), $"{items.Count - Named} {rest}"] : items;

    /// <summary>A number with as few digits as tell it from <paramref name="other"/>: 1.199 → 1.205, not 1.19933… → 1.20536….</summary>
    internal static string Number(double value, double other)
    {
        foreach (var digits in (ReadOnlySpan<int>)[4, 6, 9, 17])
        {
            var format = "G" + digits.ToString(CultureInfo.InvariantCulture);
            var text = value.ToString(format, CultureInfo.InvariantCulture);
            if (text != other.ToString(format, CultureInfo.InvariantCulture))
            {
                return text;
            }
        }

        return value.ToString("R", CultureInfo.InvariantCulture);
    }

    private static string Escaped(string? delimiter) => delimiter == "\t" ? "\\t" : delimiter ?? "";

    private static string Bytes(long bytes) => bytes.ToString("N0", CultureInfo.InvariantCulture) + " bytes";
}
