using Repro.Diagnostics;

namespace Repro.Experiments;

/// <summary>
/// Parses -p:Params. MSBuild splits -p: values at ';' and ',', so parameters are separated by white space:
/// <c>MaxDepth=3 Trees=50</c>; a value with spaces is written in single quotes: <c>Label='species name'</c>.
/// </summary>
public static class ParamsOverride
{
    public static SortedDictionary<string, string> Parse(string? text)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var position = 0;
        var source = text ?? "";
        while (true)
        {
            while (position < source.Length && char.IsWhiteSpace(source[position]))
            {
                position++;
            }

            if (position == source.Length)
            {
                return result;
            }

            var (name, value) = ReadPair(source, ref position);
            if (ExperimentSpec.WellKnownMetadata.Contains(name))
            {
                throw Bad(source, $"'{name}' is not a parameter: use -p:{name}=… instead.");
            }

            result[name] = value;
        }
    }

    /// <summary>Writes parameters back in the form <see cref="Parse"/> reads.</summary>
    public static string Format(IReadOnlyDictionary<string, string> parameters) =>
        string.Join(" ", parameters.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => p.Value.Length == 0 || p.Value.Any(char.IsWhiteSpace) ? $"{p.Key}='{p.Value}'" : $"{p.Key}={p.Value}"));

    private static (string Name, string Value) ReadPair(string source, ref int position)
    {
        var equals = source.IndexOf('=', position);
        var nextSpace = IndexOfWhiteSpace(source, position);
        if (equals < 0 || (nextSpace >= 0 && nextSpace < equals))
        {
            var token = source[position..(nextSpace < 0 ? source.Length : nextSpace)];
            throw Bad(source, $"'{token}' has no '=': write Name=value.");
        }

        var name = source[position..equals];
        if (name.Length == 0)
        {
            throw Bad(source, "a parameter has no name before '='.");
        }

        position = equals + 1;
        if (position < source.Length && source[position] == '\'')
        {
            var close = source.IndexOf('\'', position + 1);
            if (close < 0)
            {
                throw Bad(source, $"the value of '{name}' opens a quote that never closes.");
            }

            var quoted = source[(position + 1)..close];
            position = close + 1;
            return (name, quoted);
        }

        var end = IndexOfWhiteSpace(source, position);
        var value = source[position..(end < 0 ? source.Length : end)];
        position = end < 0 ? source.Length : end;
        return (name, value);
    }

    private static int IndexOfWhiteSpace(string text, int start)
    {
        for (var i = start; i < text.Length; i++)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static ReproException Bad(string source, string why) =>
        new(ErrorCode.BadParamsOverride, $"-p:Params=\"{source}\" cannot be read: {why}");
}
