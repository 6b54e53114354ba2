using System.Text;
using System.Text.Json;

namespace Repro.Core.Tests.Fuzzing;

/// <summary>
/// Turns a valid record into a hostile one. Case <c>i</c> of seed <c>s</c> is always the same input (its generator
/// depends on nothing else), so a failing case is replayed by its seed and index alone.
/// </summary>
internal static class RecordFuzzer
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    /// <summary>Values put where a field's value was: wrong types, nulls, numbers too large, too small or spelled oddly.</summary>
    private static readonly string[] Values =
    [
        "null", "true", "false", "0", "-0", "1", "-1", "1.5", "-0.0", "1e309", "-1e309", "1e-400", "4.9e-324",
        "18446744073709551616", "9223372036854775808", "-9223372036854775809", "2147483648", "-2147483649", "1E2", "0.1e1",
        "\"NaN\"", "\"Infinity\"", "\"-0\"", "\"\"", "\"x\"", "\"1\"", "\"0.5\"", "\"true\"", "\"2026-13-45T99:00:00Z\"",
        "[]", "{}", "[null]", "{\"a\":null}", "[1,\"a\"]", "\"\\ud800\"", "\"a\\u0000b\"", "[[]]", "{\"\":{}}",
        // Not JSON at all.
        "NaN", "Infinity", "-Infinity", "00", "+1", ".5", "1.", "'x'", "\"\\x\"", "undefined", "nul", "tru",
    ];

    /// <summary>Bytes that are not UTF-8: a lone continuation, a truncated sequence, overlong forms, a surrogate, out of range.</summary>
    private static readonly byte[][] NotUtf8 =
    [
        [0x80], [0xC3], [0xC3, 0x28], [0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xFF], [0xFE],
    ];

    private static readonly string[] Whole = ["", " ", "\n", "null", "[]", "{}", "\"x\"", "0", "{", "[", "}", "\0"];

    private delegate byte[]? Mutation(byte[] valid, JsonMap map, ref SplitMix64 random);

    private static readonly (string Name, Mutation Apply)[] Mutations =
    [
        ("truncated anywhere", (byte[] v, JsonMap m, ref SplitMix64 r) => v[..r.Below(v.Length)]),
        ("truncated at a structural character", TruncateAtStructure),
        ("bytes flipped", (byte[] v, JsonMap m, ref SplitMix64 r) => Flip(v, ref r)),
        ("invalid UTF-8 in a string", InvalidUtf8),
        ("a value of the wrong type or range", ReplaceValue),
        ("a field left out", RemoveProperty),
        ("a field twice", DuplicateProperty),
        ("deep nesting", DeepNesting),
        ("a number quoted or a string unquoted", SwapQuotes),
        ("a whole-file oddity", WholeFile),
        ("a long string", LongString),
        ("two values swapped", SwapValues),
        ("a field renamed", RenameProperty),
        ("an unknown field", AddProperty),
        ("a string escaped", EscapeString),
        ("a number spelled differently", RespellNumber),
    ];

    public static int Kinds => Mutations.Length;

    /// <summary>Case <paramref name="index"/>: one mutation (chosen by index, so every kind gets its share), sometimes followed by a flipped byte.</summary>
    public static (byte[] Input, string Description) Mutate(byte[] valid, ulong seed, int index)
    {
        var random = SplitMix64.ForCase(seed, index);
        var (name, apply) = Mutations[index % Mutations.Length];
        var map = JsonMap.Of(valid);
        var input = apply(valid, map, ref random) ?? Flip(valid, ref random);
        if (random.Chance(15))
        {
            return (Flip(input, ref random), name + ", then a byte flipped");
        }

        return (input, name);
    }

    /// <summary>For a file of JSON lines: one line mutated as above, or the file as a whole.</summary>
    public static (byte[] Input, string Description) MutateLines(byte[] valid, ulong seed, int index)
    {
        var random = SplitMix64.ForCase(seed, index);
        if (random.Chance(25))
        {
            var (name, apply) = Mutations[index % 3 == 0 ? 9 : index % 3];
            return (apply(valid, JsonMap.Of("{}"u8.ToArray()), ref random) ?? Flip(valid, ref random), "file: " + name);
        }

        var lines = Encoding.UTF8.GetString(valid).Split('\n').Select(Encoding.UTF8.GetBytes).ToArray();
        var at = random.Below(lines.Length - 1); // the last is empty, after the final newline
        var (line, description) = Mutate(lines[at], random.Next(), index);
        lines[at] = line;
        return ([.. lines.SelectMany((l, i) => i == 0 ? l : [(byte)'\n', .. l])], $"line {at + 1}: {description}");
    }

    private static byte[] Splice(byte[] text, int start, int end, ReadOnlySpan<byte> with) => [.. text[..start], .. with, .. text[end..]];

    private static byte[] Splice(byte[] text, int start, int end, string with) => Splice(text, start, end, Encoding.UTF8.GetBytes(with));

    private static byte[] Flip(byte[] text, ref SplitMix64 random)
    {
        if (text.Length == 0)
        {
            return [(byte)random.Below(256)];
        }

        var flipped = (byte[])text.Clone();
        for (var n = 1 + random.Below(3); n > 0; n--)
        {
            var at = random.Below(flipped.Length);
            flipped[at] = random.Chance(50) ? (byte)(flipped[at] ^ (1 << random.Below(8))) : (byte)random.Below(256);
        }

        return flipped;
    }

    private static byte[]? TruncateAtStructure(byte[] valid, JsonMap map, ref SplitMix64 random)
    {
        var points = Enumerable.Range(0, valid.Length).Where(i => valid[i] is (byte)'{' or (byte)'[' or (byte)':' or (byte)',' or (byte)'"' or (byte)'}' or (byte)']').ToArray();
        if (points.Length == 0)
        {
            return null;
        }

        var at = random.Pick(points) + random.Below(2);
        return valid[..Math.Min(at, valid.Length - 1)];
    }

    private static List<(int Start, int End, JsonTokenType Kind)> Strings(JsonMap map) => map.Values.Where(v => v.Kind == JsonTokenType.String).ToList();

    private static byte[]? InvalidUtf8(byte[] valid, JsonMap map, ref SplitMix64 random)
    {
        var strings = Strings(map);
        if (strings.Count == 0)
        {
            return null;
        }

        var (start, end, _) = random.Pick(strings);
        var at = start + 1 + random.Below(end - start - 1);
        return Splice(valid, at, at, random.Pick(NotUtf8));
    }

    private static byte[]? ReplaceValue(byte[] valid, JsonMap map, ref SplitMix64 random)
    {
        var (start, end, _) = random.Pick(map.Values);
        return Splice(valid, start, end, random.Pick(Values));
    }

    private static byte[]? RemoveProperty(byte[] valid, JsonMap map, ref SplitMix64 random)
    {
        if (map.Properties.Count == 0)
        {
            return null;
        }

        var (start, end) = random.Pick(map.Properties);
        // Take a comma with it, the one after or else the one before, so the rest stays valid JSON.
        var after = end;
        while (after < valid.Length && valid[after] is (byte)' ' or (byte)'\n' or (byte)'\r')
        {
            after++;
        }

        if (after < valid.Length && valid[after] == (byte)',')
        {
            return Splice(valid, start, after + 1, "");
        }

        var before = start - 1;
        while (before >= 0 && valid[before] is (byte)' ' or (byte)'\n' or (byte)'\r')
        {
            before--;
        }

        return before >= 0 && valid[before] == (byte)',' ? Splice(valid, before, end, "") : Splice(valid, start, end, "");
    }

    private static byte[]? DuplicateProperty(byte[] valid, JsonMap map, ref SplitMix64 random)
    {
        if (map.Properties.Count == 0)
        {
            return null;
        }

        var (start, end) = random.Pick(map.Properties);
        var property = valid[start..end];
        if (random.Chance(50))
        {
            // The same name with another value: which one would a reader keep?
            var colon = Array.IndexOf(property, (byte)':', Array.IndexOf(property, (byte)'"', 1) + 1);
            property = [.. property[..(colon + 1)], .. Encoding.UTF8.GetBytes(random.Pick(Values))];
        }

        return Splice(valid, end, end, [(byte)',', .. property]);
    }

    private static byte[]? DeepNesting(byte[] valid, JsonMap map, ref SplitMix64 random)
    {
        var (start, end, _) = random.Pick(map.Values);
        var depth = random.Pick(new[] { 10, 62, 63, 64, 65, 1000, 10_000 });
        var open = random.Chance(50) ? "[" : "{\"a\":";
        var close = open == "[" ? "]" : "}";
        var nested = string.Concat(Enumerable.Repeat(open, depth)) + "1" + (random.Chance(70) ? string.Concat(Enumerable.Repeat(close, depth)) : "");
        return Splice(valid, start, end, nested);
    }

    private static byte[]? SwapQuotes(byte[] valid, JsonMap map, ref SplitMix64 random)
    {
        var (start, end, kind) = random.Pick(map.Values);
        var text = valid[start..end];
        return kind switch
        {
            JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null => Splice(valid, start, end, [(byte)'"', .. text, (byte)'"']),
            JsonTokenType.String => Splice(valid, start, end, text.Length > 2 && random.Chance(50) ? text[1..^1] : Encoding.UTF8.GetBytes((text.Length - 2).ToString(System.Globalization.CultureInfo.InvariantCulture))),
            _ => null,
        };
    }

    private static byte[]? WholeFile(byte[] valid, JsonMap map, ref SplitMix64 random) => random.Below(9) switch
    {
        0 => [.. Bom, .. valid],
        1 => Bom,
        2 => [.. valid, .. valid],
        3 => [.. valid, (byte)'x'],
        4 => [(byte)' ', .. valid, (byte)'\n', (byte)'\n'],
        5 => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(valid).Replace("\n", "\r\n", StringComparison.Ordinal)),
        6 => [.. valid, 0],
        7 => [.. valid, .. Bom],
        _ => Encoding.UTF8.GetBytes(random.Pick(Whole)),
    };

    private static byte[]? LongString(byte[] valid, JsonMap map, ref SplitMix64 random)
    {
        var strings = Strings(map);
        var (start, end, _) = strings.Count > 0 ? random.Pick(strings) : random.Pick(map.Values);
        var length = random.Chance(5) ? 1_000_000 : random.Pick(new[] { 256, 4096, 65_536 });
        return Splice(valid, start, end, "\"" + new string((char)('a' + random.Below(26)), length) + "\"");
    }

    private static byte[]? SwapValues(byte[] valid, JsonMap map, ref SplitMix64 random)
    {
        var a = random.Pick(map.Values);
        var b = random.Pick(map.Values);
        if (a.Start > b.Start)
        {
            (a, b) = (b, a);
        }

        if (a.End > b.Start)
        {
            return null; // one holds the other
        }

        return [.. valid[..a.Start], .. valid[b.Start..b.End], .. valid[a.End..b.Start], .. valid[a.Start..a.End], .. valid[b.End..]];
    }

    private static byte[]? RenameProperty(byte[] valid, JsonMap map, ref SplitMix64 random)
    {
        if (map.Properties.Count == 0)
        {
            return null;
        }

        var (start, _) = random.Pick(map.Properties);
        var close = Array.IndexOf(valid, (byte)'"', start + 1);
        var name = Encoding.UTF8.GetString(valid[(start + 1)..close]);
        var renamed = random.Below(3) switch
        {
            0 => name.ToUpperInvariant(),
            1 => name + "_",
            _ => name.Length > 1 ? name[..^1] : "",
        };
        return Splice(valid, start + 1, close, renamed);
    }

    private static byte[]? AddProperty(byte[] valid, JsonMap map, ref SplitMix64 random)
    {
        if (map.ObjectStarts.Count == 0)
        {
            return null;
        }

        var at = random.Pick(map.ObjectStarts);
        var empty = valid.AsSpan(at).TrimStart(" \r\n"u8).StartsWith("}"u8);
        return Splice(valid, at, at, $"\"zzUnknown\":{random.Pick(Values)}" + (empty ? "" : ","));
    }

    private static byte[]? EscapeString(byte[] valid, JsonMap map, ref SplitMix64 random)
    {
        var strings = Strings(map);
        if (strings.Count == 0)
        {
            return null;
        }

        var (start, end, _) = random.Pick(strings);
        if (map.Properties.Count > 0 && random.Chance(30))
        {
            // A property's name instead of a value.
            start = random.Pick(map.Properties).Start;
            end = Array.IndexOf(valid, (byte)'"', start + 1) + 1;
        }

        var text = JsonSerializer.Deserialize<string>(valid.AsSpan(start, end - start))!;
        var escaped = random.Below(4) switch
        {
            // The same string, every character escaped: a strict reader reads the same value.
            0 => string.Concat(text.Select(c => $"\\u{(int)c:x4}")),
            1 => text + "\\ud800",
            2 => "\\udc00" + text,
            _ => text + "\\u0000\\u001f",
        };
        return Splice(valid, start, end, "\"" + escaped + "\"");
    }

    private static byte[]? RespellNumber(byte[] valid, JsonMap map, ref SplitMix64 random)
    {
        var numbers = map.Values.Where(v => v.Kind == JsonTokenType.Number).ToList();
        if (numbers.Count == 0)
        {
            return null;
        }

        var (start, end, _) = random.Pick(numbers);
        var text = Encoding.UTF8.GetString(valid[start..end]);
        var respelled = random.Below(5) switch
        {
            0 => text + "e0",
            1 => text.Contains('.', StringComparison.Ordinal) || text.Contains('e', StringComparison.OrdinalIgnoreCase) ? text + "0" : text + ".0",
            2 => text + "00000000000000000001",
            3 => "-" + text,
            _ => text + "E+400",
        };
        return Splice(valid, start, end, respelled);
    }
}
