using Repro.Records;

namespace Repro.Comparison;

/// <summary>
/// What changed in what two runs' models are made of, as lines a person reads: the trainer options that differ
/// (<c>trainer Sdca: L2Regularization 0.1 → 0.01</c>) and the pipeline steps added or removed
/// (<c>pipeline: + NormalizeMeanVariance(TripDistance)</c>). ML.NET keeps no options in model.zip, so this is the
/// only place a changed option shows.
/// </summary>
public static class ModelShapeComparison
{
    private const string None = "(none)";

    /// <returns>Trainer lines, then pipeline lines; each group in ordinal order of trainer or model path; empty when nothing differs or neither run recorded a shape.</returns>
    public static IReadOnlyList<string> Describe(RunRecord before, RunRecord after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var lines = new List<string>();
        foreach (var trainer in Union(before.Trainers, after.Trainers))
        {
            var was = Lookup(before.Trainers, trainer);
            var now = Lookup(after.Trainers, trainer);
            foreach (var option in Union(was, now))
            {
                var from = Value(was, option);
                var to = Value(now, option);
                if (!string.Equals(from, to, StringComparison.Ordinal))
                {
                    lines.Add($"trainer {trainer}: {option} {from} → {to}");
                }
            }
        }

        var models = Union(before.Pipelines, after.Pipelines);
        foreach (var model in models)
        {
            // One model (the usual case) needs no path; with several, the line says which.
            var prefix = models.Count > 1 ? $"pipeline {model}: " : "pipeline: ";
            foreach (var change in Diff(Steps(Lookup(before.Pipelines, model)), Steps(Lookup(after.Pipelines, model))))
            {
                lines.Add(prefix + change);
            }
        }

        return lines;
    }

    /// <summary>A step as the lines show it: the transformer's name less "Transformer", the columns it reads (else those it writes), and its model.</summary>
    public static string Shown(PipelineStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var name = step.Transformer.EndsWith("Transformer", StringComparison.Ordinal) && step.Transformer.Length > "Transformer".Length
            ? step.Transformer[..^"Transformer".Length]
            : step.Transformer;
        var columns = string.Join(", ", step.Inputs ?? step.Outputs);
        return step.Model is null ? $"{name}({columns})" : $"{name}({columns}) {step.Model}";
    }

    /// <summary>An ordered diff by longest common subsequence: common steps are left out, removals before additions at each gap.</summary>
    private static List<string> Diff(IReadOnlyList<string> was, IReadOnlyList<string> now)
    {
        var common = new int[was.Count + 1, now.Count + 1];
        for (var i = was.Count - 1; i >= 0; i--)
        {
            for (var j = now.Count - 1; j >= 0; j--)
            {
                common[i, j] = string.Equals(was[i], now[j], StringComparison.Ordinal)
                    ? common[i + 1, j + 1] + 1
                    : Math.Max(common[i + 1, j], common[i, j + 1]);
            }
        }

        var changes = new List<string>();
        int a = 0, b = 0;
        while (a < was.Count || b < now.Count)
        {
            if (a < was.Count && b < now.Count && string.Equals(was[a], now[b], StringComparison.Ordinal))
            {
                a++;
                b++;
            }
            else if (b == now.Count || (a < was.Count && common[a + 1, b] >= common[a, b + 1]))
            {
                changes.Add("- " + was[a++]);
            }
            else
            {
                changes.Add("+ " + now[b++]);
            }
        }

        return changes;
    }

    private static List<string> Steps(IReadOnlyList<PipelineStep>? steps) => steps?.Select(Shown).ToList() ?? [];

    private static TValue? Lookup<TValue>(SortedDictionary<string, TValue>? map, string key) where TValue : class =>
        map is not null && map.TryGetValue(key, out var value) ? value : null;

    private static string Value(SortedDictionary<string, string?>? options, string option) =>
        options is not null && options.TryGetValue(option, out var value) ? value ?? "null" : None;

    private static SortedSet<string> Union<TValue>(SortedDictionary<string, TValue>? a, SortedDictionary<string, TValue>? b)
    {
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        keys.UnionWith(a?.Keys ?? Enumerable.Empty<string>());
        keys.UnionWith(b?.Keys ?? Enumerable.Empty<string>());
        return keys;
    }
}
