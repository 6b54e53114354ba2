using System.Globalization;
using Repro.Diagnostics;

namespace Repro.Reproduction;

/// <summary>How far a reproduced metric may be from the recorded one: absolute, or relative to the recorded value.</summary>
public sealed record Tolerance(double Value, bool Relative)
{
    /// <summary>"The same within floating-point precision".</summary>
    public static readonly Tolerance Default = new(1e-9, Relative: false);

    public bool Allows(double recorded, double reproduced) =>
        Math.Abs(reproduced - recorded) <= (Relative ? Value * Math.Abs(recorded) : Value);

    public override string ToString() =>
        (Relative ? "rel:" : "") + Value.ToString("g6", CultureInfo.InvariantCulture);

    internal static Tolerance Parse(string text, string source)
    {
        var relative = text.StartsWith("rel:", StringComparison.OrdinalIgnoreCase);
        var number = relative ? text[4..] : text.StartsWith("abs:", StringComparison.OrdinalIgnoreCase) ? text[4..] : text;
        return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0 && double.IsFinite(value)
            ? new Tolerance(value, relative)
            : throw new ReproException(ErrorCode.BadTolerance,
                $"{source} has the tolerance '{text}': write a number (absolute) or rel:number, for example 1e-9 or rel:1e-6.");
    }
}

/// <summary>
/// The tolerances of an experiment: a default and per-metric overrides, written as
/// <c>1e-9 accuracy=0.01 log_loss=rel:1e-6</c> (white space separates, as in -p:Params).
/// </summary>
public sealed record ToleranceSpec(Tolerance Default, IReadOnlyDictionary<string, Tolerance> Metrics)
{
    public static readonly ToleranceSpec Standard = new(Tolerance.Default, new SortedDictionary<string, Tolerance>(StringComparer.Ordinal));

    public Tolerance For(string metric) => Metrics.TryGetValue(metric, out var tolerance) ? tolerance : Default;

    /// <exception cref="ReproException">REPRO0028 when the text cannot be read.</exception>
    public static ToleranceSpec Parse(string? text, string source)
    {
        var fallback = Tolerance.Default;
        var metrics = new SortedDictionary<string, Tolerance>(StringComparer.Ordinal);
        foreach (var token in (text ?? "").Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = token.IndexOf('=');
            if (equals < 0)
            {
                fallback = Tolerance.Parse(token, source);
            }
            else if (equals == 0)
            {
                throw new ReproException(ErrorCode.BadTolerance, $"{source} has '{token}', with no metric name before '='.");
            }
            else
            {
                metrics[token[..equals]] = Tolerance.Parse(token[(equals + 1)..], source);
            }
        }

        return new ToleranceSpec(fallback, metrics);
    }

    /// <summary>The spec in the form <see cref="Parse"/> reads, as a run records it.</summary>
    public override string ToString() =>
        string.Join(" ", new[] { Default.ToString() }.Concat(Metrics.Select(m => $"{m.Key}={m.Value}")));
}
