using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace Repro.Core.Tests.Fuzzing;

/// <summary>
/// What a strict reading of a fuzzed input implies, written independently of the readers: the input must be one
/// JSON value of valid UTF-8 without a repeated name, and what the reader returned, written back by the record's own
/// writer, must hold exactly the input's value for every field the record's type declares. A field may be left out
/// only where the type lets it be null or gives it a default; null only where the type says nullable; no null in a
/// list or as a dictionary's value; numbers finite and equal, strings equal.
/// </summary>
internal static class StrictOracle
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    /// <summary>The input's JSON, or why a strict reading refuses it (then no read of it can be correct).</summary>
    public static JsonDocument Parse(ReadOnlySpan<byte> input, bool allowBom = true)
    {
        if (allowBom && input.StartsWith(Bom))
        {
            input = input[Bom.Length..];
        }

        if (!Utf8.IsValid(input))
        {
            throw new OracleException("the input is not UTF-8");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(input.ToArray());
        }
        catch (JsonException e)
        {
            throw new OracleException("the input is not JSON: " + e.Message);
        }

        NoRepeatedNames(document.RootElement);
        return document;
    }

    /// <summary>Fails unless <paramref name="output"/> (the read value, written back) is exactly what <paramref name="input"/> says for <paramref name="type"/>.</summary>
    public static void Match(JsonElement input, JsonElement output, Type type, string path = "$")
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (input.ValueKind == JsonValueKind.Null)
        {
            Expect(output.ValueKind == JsonValueKind.Null, path, "null was read as a value");
            return;
        }

        if (type == typeof(string))
        {
            Expect(input.ValueKind == JsonValueKind.String && output.ValueKind == JsonValueKind.String, path, "a string was read from a non-string");
            Expect(Text(input, path) == output.GetString(), path, "a string was read as another");
        }
        else if (type == typeof(double))
        {
            Expect(input.ValueKind == JsonValueKind.Number, path, "a number was read from a non-number");
            var value = double.Parse(input.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture);
            Expect(double.IsFinite(value), path, $"{input.GetRawText()} is no finite double, yet it was read");
            Expect(value.Equals(output.GetDouble()), path, $"{input.GetRawText()} was read as {output.GetRawText()}");
        }
        else if (type == typeof(long) || type == typeof(int))
        {
            Expect(input.ValueKind == JsonValueKind.Number, path, "an integer was read from a non-number");
            var exact = decimal.TryParse(input.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value);
            decimal min = type == typeof(int) ? int.MinValue : long.MinValue, max = type == typeof(int) ? int.MaxValue : long.MaxValue;
            Expect(exact && value == decimal.Truncate(value) && value >= min && value <= max, path, $"{input.GetRawText()} is no {type.Name}, yet it was read");
            Expect(value == output.GetDecimal(), path, $"{input.GetRawText()} was read as {output.GetRawText()}");
        }
        else if (type == typeof(bool))
        {
            Expect(input.ValueKind is JsonValueKind.True or JsonValueKind.False, path, "a bool was read from a non-bool");
            Expect(input.ValueKind == output.ValueKind, path, "a bool was read as the other");
        }
        else if (type == typeof(DateTimeOffset))
        {
            var time = default(DateTimeOffset);
            Expect(input.ValueKind == JsonValueKind.String && input.TryGetDateTimeOffset(out time), path, "a time was read from what is not one");
            var read = output.GetDateTimeOffset();
            Expect(time == read && time.Offset == read.Offset, path, $"{input.GetRawText()} was read as {output.GetRawText()}");
        }
        else if (Dictionary(type) is { } valueType)
        {
            Expect(input.ValueKind == JsonValueKind.Object && output.ValueKind == JsonValueKind.Object, path, "a dictionary was read from a non-object");
            Expect(input.EnumerateObject().Count() == output.EnumerateObject().Count(), path, "a dictionary lost or gained entries");
            foreach (var entry in input.EnumerateObject())
            {
                var at = $"{path}['{entry.Name}']";
                Expect(entry.Value.ValueKind != JsonValueKind.Null, at, "a dictionary's null value was read");
                Expect(output.TryGetProperty(entry.Name, out var read), at, "an entry was dropped");
                Match(entry.Value, read, valueType, at);
            }
        }
        else if (List(type) is { } itemType)
        {
            Expect(input.ValueKind == JsonValueKind.Array && output.ValueKind == JsonValueKind.Array, path, "a list was read from a non-array");
            Expect(input.GetArrayLength() == output.GetArrayLength(), path, "a list lost or gained items");
            var index = 0;
            foreach (var (item, read) in input.EnumerateArray().Zip(output.EnumerateArray()))
            {
                var at = $"{path}[{index++}]";
                Expect(item.ValueKind != JsonValueKind.Null, at, "a null item was read");
                Match(item, read, itemType, at);
            }
        }
        else
        {
            Expect(input.ValueKind == JsonValueKind.Object && output.ValueKind == JsonValueKind.Object, path, "a record was read from a non-object");
            foreach (var field in Fields(type))
            {
                var at = $"{path}.{field.Name}";
                if (!input.TryGetProperty(field.Name, out var given))
                {
                    Expect(!field.Required, at, "a field it cannot do without is missing, yet the record was read");
                    continue;
                }

                Expect(given.ValueKind != JsonValueKind.Null || field.Nullable, at, "null where the record allows none was read");
                Expect(output.TryGetProperty(field.Name, out var read), at, "a field given was not read");
                Match(given, read, field.Type, at);
            }
        }
    }

    private static string Text(JsonElement element, string path)
    {
        try
        {
            return element.GetString()!;
        }
        catch (InvalidOperationException e)
        {
            throw new OracleException($"{path}: the string is not text ({e.Message}), yet it was read");
        }
    }

    private static void NoRepeatedNames(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in element.EnumerateObject())
            {
                Expect(names.Add(property.Name), "$", $"'{property.Name}' appears twice in an object, yet it was read");
                NoRepeatedNames(property.Value);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                NoRepeatedNames(item);
            }
        }
    }

    private static Type? Dictionary(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(SortedDictionary<,>) ? type.GetGenericArguments()[1] : null;

    private static Type? List(Type type) =>
        type.IsArray ? type.GetElementType()
        : type.IsGenericType && type.GetGenericTypeDefinition() is var definition
          && (definition == typeof(IReadOnlyList<>) || definition == typeof(List<>)) ? type.GetGenericArguments()[0]
        : null;

    /// <summary>The fields JSON sets on a record type, by their JSON names; required ones have neither a default nor a null to fall back on.</summary>
    private static IEnumerable<(string Name, Type Type, bool Nullable, bool Required)> Fields(Type type)
    {
        var nullability = new NullabilityInfoContext();
        var positional = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First().GetParameters();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.SetMethod is null || property.GetCustomAttribute<JsonIgnoreAttribute>() is { Condition: JsonIgnoreCondition.Always })
            {
                continue;
            }

            var nullable = Nullable.GetUnderlyingType(property.PropertyType) is not null
                || (!property.PropertyType.IsValueType && nullability.Create(property).ReadState != NullabilityState.NotNull);
            var parameter = positional.FirstOrDefault(p => p.Name == property.Name);
            var required = !nullable && ((parameter is not null && !parameter.HasDefaultValue) || property.GetCustomAttribute<RequiredMemberAttribute>() is not null);
            yield return (JsonNamingPolicy.CamelCase.ConvertName(property.Name), property.PropertyType, nullable, required);
        }
    }

    private static void Expect(bool condition, string path, string why)
    {
        if (!condition)
        {
            throw new OracleException($"{path}: {why}");
        }
    }
}

/// <summary>A read the strict reading contradicts: a silent wrong value.</summary>
internal sealed class OracleException(string message) : Exception(message);
