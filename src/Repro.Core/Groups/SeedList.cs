using System.Globalization;
using Repro.Diagnostics;

namespace Repro.Groups;

/// <summary>
/// Reads Seeds: whole numbers separated by ';', ',' or spaces, and ranges such as <c>1..5</c>. On the command line
/// MSBuild splits -p: values at ';' and ',', so there the seeds are written <c>-p:Seeds="1 2 3"</c> or <c>-p:Seeds=1..5</c>.
/// </summary>
public static class SeedList
{
    /// <summary>More seeds than this is a typo (1..1000000), not a plan.</summary>
    public const int MaxSeeds = 10_000;

    public static IReadOnlyList<long> Parse(string text, string where)
    {
        var seeds = new List<long>();
        foreach (var token in text.Split([';', ',', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            var range = token.Split("..");
            if (range.Length == 2 && Whole(range[0]) is { } first && Whole(range[1]) is { } last && first <= last && last - first < MaxSeeds)
            {
                for (var seed = first; seed <= last; seed++)
                {
                    seeds.Add(seed);
                }
            }
            else if (range.Length == 1 && Whole(token) is { } seed)
            {
                seeds.Add(seed);
            }
            else
            {
                throw Bad(where, text, $"'{token}' is neither a whole number from 0 to {long.MaxValue} nor a range such as 1..5");
            }
        }

        if (seeds.Count == 0)
        {
            throw Bad(where, text, "it names no seed");
        }

        if (seeds.Count > MaxSeeds)
        {
            throw Bad(where, text, $"it names {seeds.Count} seeds, more than {MaxSeeds}");
        }

        var repeated = seeds.GroupBy(s => s).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
        return repeated.Length == 0
            ? seeds
            : throw Bad(where, text, $"seed {string.Join(", ", repeated)} is named twice, and a seed run twice is the same run");
    }

    private static long? Whole(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static ReproException Bad(string where, string text, string why) =>
        new(ErrorCode.BadSeeds, $"{where} has Seeds=\"{text}\", which cannot be read: {why}. Write Seeds=\"1;2;3\" or Seeds=\"1..5\".");
}
