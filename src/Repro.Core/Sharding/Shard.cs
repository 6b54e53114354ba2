using System.Globalization;
using System.Text;
using System.Text.Json;
using Repro.Diagnostics;
using Repro.Experiments;
using Repro.Fingerprints;

namespace Repro.Sharding;

/// <summary>
/// -p:Shard=i/n: the i-th of n slices of a Train's planned runs, for a CI matrix. A plan's slice follows from its
/// canonical key alone, so every machine cuts the same slices whatever order the experiments or their seeds are
/// written in: plans sorted by the SHA-256 of their keys are dealt round-robin, so slices differ by one run at most.
/// </summary>
public sealed record Shard(int Index, int Count)
{
    /// <summary>Reads "2/4"; null or blank is no shard.</summary>
    /// <exception cref="ReproException">REPRO0086 for anything but i/n with 1 ≤ i ≤ n.</exception>
    public static Shard? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var parts = text.Trim().Split('/');
        return parts.Length == 2 && Whole(parts[0]) is { } index && Whole(parts[1]) is { } count && index >= 1 && index <= count
            ? new Shard(index, count)
            : throw new ReproException(ErrorCode.BadShard,
                $"-p:Shard is \"{text}\": it must be i/n, slice i of n with 1 ≤ i ≤ n; for a 4-way matrix -p:Shard=1/4 … -p:Shard=4/4.");
    }

    /// <summary>This slice's plans, in plan order.</summary>
    public IReadOnlyList<RunPlan> Select(IReadOnlyList<RunPlan> plans)
    {
        var keys = plans.Select(Key).ToArray();
        var dealt = Enumerable.Range(0, plans.Count)
            .OrderBy(i => FileHash.Sha256Bytes(Encoding.UTF8.GetBytes(keys[i])), StringComparer.Ordinal)
            .ThenBy(i => keys[i], StringComparer.Ordinal)
            .Where((_, position) => position % Count == Index - 1)
            .ToHashSet();
        return plans.Where((_, i) => dealt.Contains(i)).ToArray();
    }

    /// <summary>"shard 2/4: 3 of 12 planned runs".</summary>
    public string Describe(int selected, int planned) =>
        string.Create(CultureInfo.InvariantCulture, $"shard {this}: {selected} of {planned} planned runs");

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");

    /// <summary>
    /// What makes a planned run itself, as JSON with sorted parameters: the experiment, seed, parameters, test size and
    /// data. Nothing of the machine (the processor count) is in it, so every machine computes the same key.
    /// </summary>
    public static string Key(RunPlan plan)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            json.WriteStringValue(plan.Experiment);
            json.WriteNumberValue(plan.Seed);
            if (plan.TestSize is { } testSize)
            {
                json.WriteNumberValue(testSize);
            }
            else
            {
                json.WriteNullValue();
            }

            json.WriteStartArray();
            foreach (var (name, value) in plan.Params.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                json.WriteStringValue(name);
                json.WriteStringValue(value);
            }

            json.WriteEndArray();
            json.WriteStartArray();
            foreach (var path in plan.Data)
            {
                json.WriteStringValue(path.Replace('\\', '/'));
            }

            json.WriteEndArray();
            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static int? Whole(string text) =>
        int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
