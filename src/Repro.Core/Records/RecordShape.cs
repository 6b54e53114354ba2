using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Repro.Records;

/// <summary>
/// Checks a record just read has every field it cannot do without: no null where the record's type says non-null
/// (a field left out or written as null), no null in a list or as a dictionary's value, and only finite numbers.
/// The types' nullable annotations are the schema, so a field added later is checked without a word here.
/// </summary>
internal static class RecordShape
{
    private static readonly ConcurrentDictionary<Type, (PropertyInfo Property, bool Nullable)[]> Fields = new();

    /// <exception cref="JsonException">What is missing or not finite, and where.</exception>
    public static void Check(object value) => Check(value, "$");

    private static void Check(object value, string path)
    {
        switch (value)
        {
            case string or bool or int or long or DateTimeOffset:
                return;
            case double number when !double.IsFinite(number):
                throw new JsonException($"{path} is not a finite number");
            case double:
                return;
            case IDictionary dictionary:
                foreach (DictionaryEntry entry in dictionary)
                {
                    var at = $"{path}['{StrictJson.Shown(entry.Key.ToString()!)}']";
                    Check(entry.Value ?? throw new JsonException($"{at} is null"), at);
                }

                return;
            case IEnumerable list:
                var index = 0;
                foreach (var item in list)
                {
                    var at = $"{path}[{index++}]";
                    Check(item ?? throw new JsonException($"{at} is null"), at);
                }

                return;
        }

        foreach (var (property, nullable) in Fields.GetOrAdd(value.GetType(), Describe))
        {
            var at = $"{path}.{JsonNamingPolicy.CamelCase.ConvertName(property.Name)}";
            if (property.GetValue(value) is { } field)
            {
                Check(field, at);
            }
            else if (!nullable)
            {
                throw new JsonException($"{at} is missing or null");
            }
        }
    }

    /// <summary>The fields JSON sets (computed and always-ignored properties are not; one left out when null is), and whether each may be null.</summary>
    private static (PropertyInfo, bool)[] Describe(Type type)
    {
        var context = new NullabilityInfoContext();
        return type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is not null && p.GetIndexParameters().Length == 0 && p.GetCustomAttribute<JsonIgnoreAttribute>() is not { Condition: JsonIgnoreCondition.Always })
            .Select(p => (p, Nullable.GetUnderlyingType(p.PropertyType) is not null
                || (!p.PropertyType.IsValueType && context.Create(p).ReadState != NullabilityState.NotNull)))
            .ToArray();
    }
}
