using System.Runtime.CompilerServices;

namespace Repro.Profiles;

/// <summary>
/// The numbers data files mostly hold ("5.1", "-12", "0.25"), read without the general parser: at most 15 digits, so
/// the digits are an exact long and the scale an exact power of ten, and one IEEE division gives the correctly rounded
/// double that <see cref="double.Parse(string)"/> gives. Anything else (exponents, more digits, "+1") is left to it.
/// </summary>
internal static class FastNumber
{
    private const int MaxDigits = 15;

    private static readonly double[] PowersOfTen = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot: compiled optimized at once, not after tiering
    public static bool TryParse(ReadOnlySpan<byte> text, out double value, out bool isInteger)
    {
        value = 0;
        isInteger = false;
        var i = text.Length > 0 && text[0] == '-' ? 1 : 0;
        long digits = 0;
        var count = 0;
        var scale = -1;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '.' && scale < 0)
            {
                scale = 0;
                continue;
            }

            var digit = (uint)(c - '0');
            if (digit > 9 || ++count > MaxDigits)
            {
                return false;
            }

            digits = digits * 10 + digit;
            scale += scale >= 0 ? 1 : 0;
        }

        if (count == 0)
        {
            return false;
        }

        var negative = text[0] == '-';
        isInteger = scale < 0;
        // An integer as the long it is ("-0" is 0, as the integer reader gives it); a decimal with its sign (-0.0).
        value = isInteger ? (negative ? -digits : digits) : (negative ? -1 : 1) * (digits / PowersOfTen[scale]);
        return true;
    }
}
