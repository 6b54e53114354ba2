using System.Collections;
using System.Globalization;
using System.Reflection;

namespace Repro.MLNet;

/// <summary>A trainer's options object as invariant text: every public field and property, defaults included.</summary>
internal static class TrainerOptions
{
    // Deep enough for ML.NET's nested options (LightGbm's Booster), shallow enough that a cycle cannot hang a run.
    private const int MaximumDepth = 4;

    /// <summary>"SdcaRegression" for SdcaRegressionTrainer.Options: the declaring type's name less "Trainer".</summary>
    public static string TrainerName(Type options)
    {
        var type = options.DeclaringType ?? options;
        var name = Plain(type.Name);
        return name.EndsWith("Trainer", StringComparison.Ordinal) && name.Length > "Trainer".Length ? name[..^"Trainer".Length] : name;
    }

    public static SortedDictionary<string, string?> Read(object options)
    {
        var values = new SortedDictionary<string, string?>(StringComparer.Ordinal);
        Add(values, "", options, 0);
        return values;
    }

    /// <summary>Fills a public <c>int? Seed</c> left null from the run, as MLContext is seeded, so the run records the seed used.</summary>
    public static void Seed(object options, int seed)
    {
        var type = options.GetType();
        if (type.GetField("Seed", BindingFlags.Public | BindingFlags.Instance) is { FieldType: var fieldType } field && fieldType == typeof(int?) && field.GetValue(options) is null)
        {
            field.SetValue(options, seed);
        }
        else if (type.GetProperty("Seed", BindingFlags.Public | BindingFlags.Instance) is { PropertyType: var propertyType, CanWrite: true } property
                 && propertyType == typeof(int?) && property.GetIndexParameters().Length == 0 && property.GetValue(options) is null)
        {
            property.SetValue(options, seed);
        }
    }

    private static void Add(SortedDictionary<string, string?> values, string prefix, object options, int depth)
    {
        var type = options.GetType();
        foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Instance))
        {
            Value(values, prefix + field.Name, field.GetValue(options), depth);
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.CanRead && property.GetIndexParameters().Length == 0)
            {
                Value(values, prefix + property.Name, property.GetValue(options), depth);
            }
        }
    }

    private static void Value(SortedDictionary<string, string?> values, string name, object? value, int depth)
    {
        if (Text(value) is var (text, simple) && simple)
        {
            values[name] = text;
        }
        else if (depth + 1 < MaximumDepth && value is not Delegate)
        {
            // A nested options object: its members as Outer.Inner, and its type, so a changed booster shows.
            values[name] = Plain(value!.GetType().Name);
            Add(values, name + ".", value, depth + 1);
        }
        else
        {
            values[name] = Plain(value!.GetType().Name);
        }
    }

    /// <returns>The value's text and true for a value that is text by itself; (null, false) for an object to walk.</returns>
    private static (string? Text, bool Simple) Text(object? value) => value switch
    {
        null => (null, true),
        string s => (s, true),
        bool b => (b ? "true" : "false", true),
        Enum e => (e.ToString(), true),
        double d => (d.ToString("R", CultureInfo.InvariantCulture), true),
        float f => (f.ToString("R", CultureInfo.InvariantCulture), true),
        IFormattable formattable when value.GetType().IsPrimitive || value is decimal => (formattable.ToString(null, CultureInfo.InvariantCulture), true),
        char c => (c.ToString(), true),
        IEnumerable items => (string.Join(",", items.Cast<object?>().Select(i => Text(i) is (var t, true) ? t ?? "null" : Plain(i!.GetType().Name))), true),
        _ when value.GetType().IsValueType => (Convert.ToString(value, CultureInfo.InvariantCulture), true),
        _ => (null, false),
    };

    private static string Plain(string name) => name.IndexOf('`', StringComparison.Ordinal) is var tick and >= 0 ? name[..tick] : name;
}
