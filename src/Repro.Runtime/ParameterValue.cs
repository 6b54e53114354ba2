using System.Globalization;

namespace Repro;

/// <summary>Turns a parameter's text into the type the program asks for, in the invariant culture.</summary>
internal static class ParameterValue
{
    public static T Convert<T>(string experiment, string name, string text)
    {
        var target = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        try
        {
            if (target == typeof(string))
            {
                return (T)(object)text;
            }

            if (target.IsEnum)
            {
                return (T)Enum.Parse(target, text.Trim(), ignoreCase: true);
            }

            if (target == typeof(bool))
            {
                return (T)(object)bool.Parse(text.Trim());
            }

            return (T)System.Convert.ChangeType(text.Trim(), target, CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException or InvalidCastException)
        {
            throw new ExperimentException("REPRO2002",
                $"parameter '{name}' of experiment '{experiment}' is '{text}', which is not {Describe(target)}: " +
                "fix the value in the <Experiment> item or in -p:Params.");
        }
    }

    private static string Describe(Type type) => type switch
    {
        _ when type == typeof(int) || type == typeof(long) || type == typeof(short) => "an integer",
        _ when type == typeof(double) || type == typeof(float) || type == typeof(decimal) => "a number",
        _ when type == typeof(bool) => "true or false",
        _ when type.IsEnum => "one of " + string.Join(", ", Enum.GetNames(type)),
        _ => "a " + type.Name,
    };
}
