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
internal sealed partial class ColumnAccumulator(string name, bool label)
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
    private readonly List<Level> _order = [];
    private readonly Level?[] _recent = new Level?[1 << RecentBits];

    private const int RecentBits = 12;

    public string Name => name;

    public bool IsLabel => label;

    private int Limit => label ? Profiler.LabelLimit : Profiler.DistinctLimit;

    /// <summary>Adds one field; returns the number it reads as, or NaN for missing and text.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot: compiled optimized at once, not after tiering
    public double Add(ReadOnlySpan<byte> field, long line)
    {
        var value = field.IsEmpty || (field[0] is not ((byte)' ' or (byte)'\t') && field[^1] is not ((byte)' ' or (byte)'\t')) ? field : field.Trim(" \t"u8);
        if (value.IsEmpty)
        {
            _missing++;
            return double.NaN;
        }

        // A value seen before is only counted: most columns repeat few values. Its statistics are taken from the
        // counts at the end (or when the column has too many values to count), in the order values first appeared.
        if (Count(value) is { } level)
        {
            if (level.Kind is not { } kind)
            {
                level.Kind = kind = Read(value, out var read);
                level.Number = read;
                if (kind == ValueKind.Text)
                {
                    _firstText ??= new LineValue(line, level.Value);
                }
            }

            return kind == ValueKind.Text ? double.NaN : level.Number;
        }

        switch (Read(value, out var number))
        {
            case ValueKind.Integer:
                _integers++;
                return Number(number, 1);
            case ValueKind.Float:
                return Number(number, 1);
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
        Fold();

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

    /// <summary>Adds <paramref name="count"/> copies of a number: Welford's update, merged as Chan et al. do; in file order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot: compiled optimized at once, not after tiering
    private double Number(double value, long count)
    {
        var before = _numbers;
        _numbers += count;
        var delta = value - _mean;
        _mean += delta * count / _numbers;
        _m2 += delta * delta * before * count / _numbers;
        _min = Math.Min(_min, value);
        _max = Math.Max(_max, value);
        return value;
    }

    /// <summary>Too many values to count exactly: the column says so rather than giving a partial count, and counts no more.</summary>
    private void Overflow()
    {
        _levels = null;
        Array.Clear(_recent);
        Fold();
    }

    /// <summary>Moves the counted values into the statistics, level by level in the order each first appeared.</summary>
    private void Fold()
    {
        foreach (var level in _order)
        {
            if (level.Kind is ValueKind.Integer or ValueKind.Float)
            {
                _integers += level.Kind == ValueKind.Integer ? level.Count : 0;
                Number(level.Number, level.Count);
            }
        }

        _order.Clear();
    }

    /// <summary>Counts the value among the column's levels; returns its level, or null once there are too many to count.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot: compiled optimized at once, not after tiering
    private Level? Count(ReadOnlySpan<byte> value)
    {
        if (_levels is null)
        {
            return null;
        }

        var key = Key(value);
        // Most lookups end in a small table of the levels last used; the dictionary is the fallback.
        ref var recent = ref _recent[(int)((key * 0x9E3779B97F4A7C15UL) >> (64 - RecentBits))];
        if (recent is { } hit && hit.Key == key)
        {
            hit.Count++;
            return hit;
        }

        if (_levels.TryGetValue(key, out var level))
        {
            level.Count++;
            recent = level;
            return level;
        }

        if (_levels.Count == Limit)
        {
            Overflow();
            return null;
        }

        level = new Level(Shown(value), key);
        _levels.Add(key, level);
        _order.Add(level);
        recent = level;
        return level;
    }

    /// <summary>A value of up to 7 bytes is its own key (its bytes and its length); a longer one is its 64-bit hash.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Key(ReadOnlySpan<byte> value)
    {
        if (value.Length > 7)
        {
            return XxHash3.HashToUInt64(value) | (1UL << 63);
        }

        var key = (ulong)value.Length << 56;
        for (var i = 0; i < value.Length; i++)
        {
            key |= (ulong)value[i] << (8 * i);
        }

        return key;
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

    private sealed class Level(string value, ulong key)
    {
        public string Value { get; } = value;
        public ulong Key { get; } = key;
        public long Count { get; set; } = 1;

        /// <summary>How the value reads, once it has been read; with <see cref="Number"/>, its number.</summary>
        public ValueKind? Kind { get; set; }
        public double Number { get; set; }
    }
}
