using Repro.Diagnostics;
using Repro.Experiments;

namespace Repro.Groups;

/// <summary>
/// Reads Sweep, <c>Trees=10,50,100;MaxDepth=3,5</c>: parameters separated by ';', values by ','. Its grid is every
/// combination, the first parameter varying slowest, so the order of runs follows the order written.
/// </summary>
public static class SweepGrid
{
    /// <summary>More grid points than this is a typo, not a plan.</summary>
    public const int MaxPoints = 10_000;

    public static IReadOnlyList<SweepAxis> Parse(string text, string where)
    {
        var axes = new List<SweepAxis>();
        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=');
            var name = equals < 0 ? "" : part[..equals].Trim();
            if (name.Length == 0 || name.Any(char.IsWhiteSpace))
            {
                throw Bad(where, text, $"'{part}' is not Name=value,value");
            }

            if (ExperimentSpec.WellKnownMetadata.Contains(name))
            {
                throw Bad(where, text, name.Equals("Seed", StringComparison.OrdinalIgnoreCase)
                    ? "seeds are not swept: set Seeds=\"1;2;3\" beside the Sweep"
                    : $"'{name}' is not a parameter of the program and cannot be swept");
            }

            if (axes.Any(a => a.Name == name))
            {
                throw Bad(where, text, $"'{name}' is swept twice");
            }

            var values = part[(equals + 1)..].Split(',', StringSplitOptions.TrimEntries);
            if (values.Any(v => v.Length == 0))
            {
                throw Bad(where, text, $"'{name}' has an empty value");
            }

            if (values.Distinct(StringComparer.Ordinal).Count() != values.Length)
            {
                throw Bad(where, text, $"'{name}' names a value twice");
            }

            axes.Add(new SweepAxis(name, values));
        }

        if (axes.Count == 0)
        {
            throw Bad(where, text, "it names no parameter");
        }

        var size = axes.Aggregate(1L, (product, axis) => product * axis.Values.Count);
        return size <= MaxPoints ? axes : throw Bad(where, text, $"its grid has {size} points, more than {MaxPoints}");
    }

    /// <summary>Every combination of values, the first axis varying slowest.</summary>
    public static IReadOnlyList<SortedDictionary<string, string>> Points(IReadOnlyList<SweepAxis> axes)
    {
        IEnumerable<SortedDictionary<string, string>> points = [new(StringComparer.Ordinal)];
        foreach (var axis in axes)
        {
            points = points.SelectMany(point => axis.Values.Select(value => new SortedDictionary<string, string>(point, StringComparer.Ordinal) { [axis.Name] = value })).ToArray();
        }

        return points.ToArray();
    }

    private static ReproException Bad(string where, string text, string why) =>
        new(ErrorCode.BadSweep, $"{where} has Sweep=\"{text}\", which cannot be read: {why}. Write Sweep=\"Trees=10,50,100;MaxDepth=3,5\".");
}
