using System.Buffers.Text;
using System.Globalization;
using System.IO.Hashing;
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
    public double Add(ReadOnlySpan<byte> field, long line)
    {
        var value = field.Trim(" \t"u8);
        if (value.IsEmpty)
        {
            _missing++;
            return double.NaN;
        }

        Count(value);
        if (Utf8Parser.TryParse(value, out long integer, out var used) && used == value.Length)
        {
            _integers++;
            return Number(integer);
        }

        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
        {
            return Number(number);
        }

        _firstText ??= new LineValue(line, Shown(value));
        return double.NaN;
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

    private void Count(ReadOnlySpan<byte> value)
    {
        if (_levels is null)
        {
            return;
        }

        var key = XxHash3.HashToUInt64(value);
        if (_levels.TryGetValue(key, out var level))
        {
            level.Count++;
            return;
        }

        if (_levels.Count == (label ? Profiler.LabelLimit : Profiler.DistinctLimit))
        {
            _levels = null; // too many to count exactly: the column says so rather than giving a partial count
            return;
        }

        _levels.Add(key, new Level(Shown(value)));
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

    private sealed class Level(string value)
    {
        public string Value { get; } = value;
        public long Count { get; set; } = 1;
    }
}
