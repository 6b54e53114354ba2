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
    private static readonly ConcurrentDictionary<Type, (PropertyInfo Property, NullabilityInfo Nullability)[]> Fields = new();

    /// <exception cref="JsonException">What is missing or not finite, and where.</exception>
    public static void Check(object value) => Check(value, "$", null);

    /// <param name="nullability">The annotations of the field holding <paramref name="value"/>: a dictionary whose values
    /// are declared nullable (a trainer's options, string?) may hold null; with none, nothing in a dictionary may.</param>
    private static void Check(object value, string path, NullabilityInfo? nullability)
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
                var values = nullability?.GenericTypeArguments is [_, var valueType] ? valueType : null;
                foreach (DictionaryEntry entry in dictionary)
                {
                    var at = $"{path}['{StrictJson.Shown(entry.Key.ToString()!)}']";
                    if (entry.Value is { } item)
                    {
                        Check(item, at, values);
                    }
                    else if (values?.ReadState != NullabilityState.Nullable)
                    {
                        throw new JsonException($"{at} is null");
                    }
                }

                return;
            case IEnumerable list:
                var index = 0;
                foreach (var item in list)
                {
                    var at = $"{path}[{index++}]";
                    Check(item ?? throw new JsonException($"{at} is null"), at, null);
                }

                return;
        }

        foreach (var (property, annotations) in Fields.GetOrAdd(value.GetType(), Describe))
        {
            var at = $"{path}.{JsonNamingPolicy.CamelCase.ConvertName(property.Name)}";
            if (property.GetValue(value) is { } field)
            {
                Check(field, at, annotations);
            }
            else if (!Nullable(property, annotations))
            {
                throw new JsonException($"{at} is missing or null");
            }
        }
    }

    /// <summary>The fields JSON sets (computed and always-ignored properties are not; one left out when null is), with their annotations.</summary>
    private static (PropertyInfo, NullabilityInfo)[] Describe(Type type)
    {
        var context = new NullabilityInfoContext();
        return type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is not null && p.GetIndexParameters().Length == 0 && p.GetCustomAttribute<JsonIgnoreAttribute>() is not { Condition: JsonIgnoreCondition.Always })
            .Select(p => (p, context.Create(p)))
            .ToArray();
    }

    private static bool Nullable(PropertyInfo property, NullabilityInfo nullability) =>
        System.Nullable.GetUnderlyingType(property.PropertyType) is not null
        || (!property.PropertyType.IsValueType && nullability.ReadState != NullabilityState.NotNull);
}
