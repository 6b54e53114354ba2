using System.Globalization;
using System.Reflection;

namespace Repro.Learn;

/// <summary>
/// A learner's options as invariant text: every public property, defaults included, so a run can record exactly
/// what its model was made with (<c>run.RecordOptions(nameof(RandomForest), forest.Options())</c>).
/// </summary>
internal static class LearnerOptions
{
    public static IReadOnlyDictionary<string, string?> Of(object learner)
    {
        var options = new SortedDictionary<string, string?>(StringComparer.Ordinal);
        foreach (var property in learner.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.CanRead && property.GetIndexParameters().Length == 0)
            {
                options[property.Name] = Text(property.GetValue(learner));
            }
        }

        return options;
    }

    private static string? Text(object? value) => value switch
    {
        null => null,
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
