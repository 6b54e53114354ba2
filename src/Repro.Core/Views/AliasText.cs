using System.Globalization;
using Repro.Registry;

namespace Repro.Views;

/// <summary>An alias's history as Describe and Runs show it.</summary>
public static class AliasText
{
    /// <summary>"production: v3 since 2026-11-24 by Ada (was v2)".</summary>
    public static string Line(ModelAlias alias)
    {
        var last = alias.History[^1];
        var was = alias.History.Count > 1 ? alias.History[^2].Version : last.From;
        return $"{alias.Alias}: v{alias.Version} since {Day(last.At)}{(last.By is { } by ? " by " + by : "")}" + (was is { } before ? $" (was v{before})" : "");
    }

    /// <summary>Every move, oldest first: "2026-11-24 10:15 UTC  v2 → v3  by Ada".</summary>
    public static IEnumerable<string> History(ModelAlias alias) => alias.History.Select((move, i) =>
    {
        var from = move.From ?? (i > 0 ? alias.History[i - 1].Version : null);
        return $"{move.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)}  {(from is { } f ? $"v{f} → " : "")}v{move.Version}" +
            (move.By is { } by ? "  by " + by : "");
    });

    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
