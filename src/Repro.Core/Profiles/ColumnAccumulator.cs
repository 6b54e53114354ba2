using System.Buffers.Text;
using System.Globalization;
using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Text;

namespace Repro.Profiles;

/// <summary>
/// One column's statistics, gathered a value at a time in file order: so every sum is taken in the same order on any
/// machine, and the profile of the same bytes is the same profile.
/// </summary>
internal sealed class ColumnAccumulator(string name, bool label)
{
    private long _missing;
    private long _integers;
    private long _numbers;
    private double _mean;
    private double _m2;
    private double _min = double.PositiveInfinity;
    private double _max = double.NegativeInfinity;
    private LineValue? _firstText;
    private Dictionary<ulong, Level>? _levels = new();

    public string Name => name;

    /// <summary>Adds one field; returns the number it reads as, or NaN for missing and text.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot: compiled optimized at once, not after tiering
    public double Add(ReadOnlySpan<byte> field, long line)
    {
        var value = field.Trim(" \t"u8);
        if (value.IsEmpty)
        {
            _missing++;
            return double.NaN;
        }

        // A value seen before is read as it was then: most columns repeat few values, and reading is the costly part.
        var level = Count(value);
        ValueKind kind;
        double number;
        if (level is { Kind: { } known })
        {
            (kind, number) = (known, level.Number);
        }
        else
        {
            kind = Read(value, out number);
            if (level is not null)
            {
                (level.Kind, level.Number) = (kind, number);
            }
        }

        switch (kind)
        {
            case ValueKind.Integer:
                _integers++;
                return Number(number);
            case ValueKind.Float:
                return Number(number);
            default:
                _firstText ??= new LineValue(line, Shown(value));
                return double.NaN;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot: compiled optimized at once, not after tiering
    private static ValueKind Read(ReadOnlySpan<byte> value, out double number)
    {
        if (FastNumber.TryParse(value, out number, out var isInteger))
        {
            return isInteger ? ValueKind.Integer : ValueKind.Float;
        }

        if (Utf8Parser.TryParse(value, out long integer, out var used) && used == value.Length)
        {
            number = integer;
            return ValueKind.Integer;
        }

        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out number) && double.IsFinite(number))
        {
            return ValueKind.Float;
        }

        number = double.NaN;
        return ValueKind.Text;
    }

    /// <summary>A field the row did not have: missing.</summary>
    public void AddAbsent() => _missing++;

    public ColumnProfile Profile(IReadOnlyList<double>? sample)
    {
        var type = _firstText is not null ? ColumnType.Text
            : _numbers == 0 ? ColumnType.Empty
            : _integers == _numbers ? ColumnType.Integer
            : ColumnType.Float;
        var numeric = _numbers > 0;
        return new ColumnProfile(name, type, _missing)
        {
            Count = numeric ? _numbers : null,
            Mean = numeric ? _mean : null,
            StdDev = numeric ? (_numbers > 1 ? Math.Sqrt(_m2 / (_numbers - 1)) : 0) : null,
            Min = numeric ? _min : null,
            Max = numeric ? _max : null,
            Quantiles = numeric && sample is { Count: > 0 } ? Quantiles(sample) : null,
            Distinct = _levels?.Count,
            DistinctOver = _levels is null ? true : null,
            Values = Values(type),
            FirstText = _firstText,
        };
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot: compiled optimized at once, not after tiering
    private double Number(double value)
    {
        // Welford's update: one pass, stable, and in file order.
        _numbers++;
        var delta = value - _mean;
        _mean += delta / _numbers;
        _m2 += delta * (value - _mean);
        _min = Math.Min(_min, value);
        _max = Math.Max(_max, value);
        return value;
    }

    /// <summary>Counts the value among the column's levels; returns its level, or null once there are too many to count.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot: compiled optimized at once, not after tiering
    private Level? Count(ReadOnlySpan<byte> value)
    {
        if (_levels is null)
        {
            return null;
        }

        var key = XxHash3.HashToUInt64(value);
        if (_levels.TryGetValue(key, out var level))
        {
            level.Count++;
            return level;
        }

        if (_levels.Count == (label ? Profiler.LabelLimit : Profiler.DistinctLimit))
        {
            _levels = null; // too many to count exactly: the column says so rather than giving a partial count
            return null;
        }

        level = new Level(Shown(value));
        _levels.Add(key, level);
        return level;
    }

    /// <summary>Every value of a column with few (a label's classes), else the most frequent few of a text column.</summary>
    private IReadOnlyList<ValueCount>? Values(string type)
    {
        if (_levels is null || _levels.Count == 0)
        {
            return null;
        }

        var all = _levels.Values.OrderByDescending(l => l.Count).ThenBy(l => l.Value, StringComparer.Ordinal);
        if (label || _levels.Count <= Profiler.LevelLimit)
        {
            return all.Select(l => new ValueCount(l.Value, l.Count)).ToArray();
        }

        return type == ColumnType.Text ? all.Take(Profiler.TopValues).Select(l => new ValueCount(l.Value, l.Count)).ToArray() : null;
    }

    /// <summary>p05, p25, p50, p75 and p95 by linear interpolation between order statistics.</summary>
    private static SortedDictionary<string, double> Quantiles(IReadOnlyList<double> sample)
    {
        var sorted = sample.ToArray();
        Array.Sort(sorted);
        var quantiles = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var p in (int[])[5, 25, 50, 75, 95])
        {
            var position = (sorted.Length - 1) * p / 100.0;
            var below = (int)Math.Floor(position);
            var above = Math.Min(below + 1, sorted.Length - 1);
            quantiles[$"p{p:00}"] = sorted[below] + (sorted[above] - sorted[below]) * (position - below);
        }

        return quantiles;
    }

    /// <summary>A value as a record shows it: at most 100 characters, invalid UTF-8 replaced.</summary>
    internal static string Shown(ReadOnlySpan<byte> value)
    {
        var text = Encoding.UTF8.GetString(value.Length > 400 ? value[..400] : value);
        return text.Length > 100 ? text[..100] + "…" : text;
    }

    private enum ValueKind : byte
    {
        Integer,
        Float,
        Text,
    }

    private sealed class Level(string value)
    {
        public string Value { get; } = value;
        public long Count { get; set; } = 1;

        /// <summary>How the value reads, once it has been read; with <see cref="Number"/>, its number.</summary>
        public ValueKind? Kind { get; set; }
        public double Number { get; set; }
    }
}
