using System.Globalization;

namespace Repro.Learn;

/// <summary>The stable order of class names: numeric when all are numbers, else ordinal.</summary>
internal static class ClassOrder
{
    public static string[] Sort(IEnumerable<string> distinctNames)
    {
        var names = distinctNames.ToArray();
        var numbers = new double[names.Length];
        var allNumeric = true;
        for (var i = 0; i < names.Length && allNumeric; i++)
        {
            allNumeric = double.TryParse(names[i], NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i]);
        }

        var order = new int[names.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        // Ties between numerically equal spellings ("1", "1.0") fall back to ordinal order.
        Array.Sort(order, (a, b) =>
        {
            if (allNumeric)
            {
                var byValue = numbers[a].CompareTo(numbers[b]);
                if (byValue != 0)
                {
                    return byValue;
                }
            }

            return string.CompareOrdinal(names[a], names[b]);
        });
        var sorted = new string[names.Length];
        for (var i = 0; i < order.Length; i++)
        {
            sorted[i] = names[order[i]];
        }

        return sorted;
    }
}
