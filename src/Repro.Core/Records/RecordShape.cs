using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Repro.Records;

/// <summary>
/// Checks a record just read has every field it cannot do without: no null where the record's type says non-null
/// (a field left out or written as null), no null in a list or as a dictionary's value, and only finite numbers.
/// The types' nullable annotations are the schema, so a field added later is checked without a word here. The fields
/// are the serializer's own (its source-generated contract), not found by reflection: a trimmed, Native AOT tool keeps
/// them and checks a record as the build does.
/// </summary>
internal static class RecordShape
{
    private sealed record Field(string Name, Type Type, Func<object, object?> Get, NullabilityInfo Nullability);

    private static readonly ConcurrentDictionary<Type, Field[]> Fields = new();

    /// <exception cref="JsonException">What is missing or not finite, and where.</exception>
    /// <param name="options">The options the record was read with: their contract names its fields.</param>
    public static void Check(object value, JsonSerializerOptions options) => Check(value, "$", null, options);

    /// <param name="nullability">The annotations of the field holding <paramref name="value"/>: a dictionary whose values
    /// are declared nullable (a trainer's options, string?) may hold null; with none, nothing in a dictionary may.</param>
    private static void Check(object value, string path, NullabilityInfo? nullability, JsonSerializerOptions options)
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
                        Check(item, at, values, options);
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
                    Check(item ?? throw new JsonException($"{at} is null"), at, null, options);
                }

                return;
        }

        foreach (var field in Fields.GetOrAdd(value.GetType(), type => Describe(options.GetTypeInfo(type))))
        {
            var at = $"{path}.{field.Name}";
            if (field.Get(value) is { } item)
            {
                Check(item, at, field.Nullability, options);
            }
            else if (!Nullable(field))
            {
                throw new JsonException($"{at} is missing or null");
            }
        }
    }

    /// <summary>
    /// The fields JSON sets (computed and always-ignored properties are not; one left out when null is), with their
    /// annotations. The contract's attribute provider is the property itself, kept by the source generator's own code.
    /// </summary>
    private static Field[] Describe(JsonTypeInfo type)
    {
        var context = new NullabilityInfoContext();
        return type.Properties
            .Where(p => p.Get is not null && p.AttributeProvider is PropertyInfo { SetMethod: not null } property && property.GetIndexParameters().Length == 0
                && property.GetCustomAttribute<JsonIgnoreAttribute>() is not { Condition: JsonIgnoreCondition.Always })
            .Select(p => new Field(JsonNamingPolicy.CamelCase.ConvertName(((PropertyInfo)p.AttributeProvider!).Name), p.PropertyType, p.Get!,
                context.Create((PropertyInfo)p.AttributeProvider!)))
            .ToArray();
    }

    private static bool Nullable(Field field) =>
        System.Nullable.GetUnderlyingType(field.Type) is not null
        || (!field.Type.IsValueType && field.Nullability.ReadState != NullabilityState.NotNull);
}
