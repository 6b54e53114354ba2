using Repro.Runs;
using System.Globalization;
using System.Text;
using Repro.Records;

namespace Repro.Reproduction;

/// <summary>The reproduction as a person reads it: the input table, the metric table, the model, and the verdict.</summary>
public static class VerdictReport
{
    public static string Render(Reproduction reproduction)
    {
        var verdict = reproduction.Verdict;
        var text = new StringBuilder();
        text.Append("Inputs of ").Append(reproduction.Recorded.RunId).Append(" (recorded → now):\n");
        var width = verdict.Inputs.Max(i => i.Input.Length);
        foreach (var input in verdict.Inputs)
        {
            text.Append("  ").Append(input.Input.PadRight(width)).Append("  ").Append(Describe(input)).Append('\n');
        }

        var rows = verdict.Metrics.Select(m => new[]
        {
            m.Name, Number(m.Recorded), m.Reproduced is { } r ? Number(r) : "missing",
            m.Difference is { } d ? d.ToString("G3", CultureInfo.InvariantCulture) : "—", m.Tolerance, m.Ok ? "ok" : "DIVERGED",
        }).Prepend(["metric", "recorded", "reproduced", "|Δ|", "tolerance", ""]).ToArray();
        var widths = Enumerable.Range(0, 6).Select(c => rows.Max(row => row[c].Length)).ToArray();
        text.Append("Metrics:\n");
        foreach (var row in rows)
        {
            text.Append("  ").AppendJoin("  ", row.Select((cell, c) => cell.PadRight(widths[c]))).Append('\n');
        }

        text.Append("Model: ").Append(Model(verdict));
        return text.ToString();
    }

    /// <summary>Why a reproduction failed, in one message: the diverged metrics and the inputs that changed.</summary>
    public static string Divergence(Reproduction reproduction, string projectDirectory)
    {
        var verdict = reproduction.Verdict;
        var diverged = verdict.Metrics.Where(m => !m.Ok).Select(m => m.Reproduced is { } value
            ? $"{m.Name} {Number(m.Recorded)} → {Number(value)} (|Δ| {m.Difference!.Value.ToString("G3", CultureInfo.InvariantCulture)} > {m.Tolerance})"
            : $"{m.Name} is missing from the reproduction");
        var failed = reproduction.Outcome.Record.Error is { } error ? $" The reproduction failed: {error.Code}." : "";
        return $"run '{reproduction.Recorded.RunId}' did not reproduce: {string.Join("; ", diverged)}.{failed} {ChangedInputs(reproduction)} " +
            $"The reproduction is kept in {Relative(projectDirectory, reproduction.Outcome.Folder)}.";
    }

    /// <summary>Why -p:ReproExact=true failed a reproduction whose metrics matched: its model differs.</summary>
    public static string ModelDiffers(Reproduction reproduction) =>
        $"run '{reproduction.Recorded.RunId}' reproduced its metrics but not its model ({Model(reproduction.Verdict)}), " +
        $"and -p:ReproExact=true asks for both. {ChangedInputs(reproduction)}";

    /// <summary>The inputs that changed; with none, the likely cause.</summary>
    public static string ChangedInputs(Reproduction reproduction)
    {
        var changed = reproduction.Verdict.Inputs.Where(i => i.Changed).Select(i => $"{i.Input} {Describe(i)}").ToArray();
        if (changed.Length > 0)
        {
            return "Changed inputs: " + string.Join("; ", changed) + ".";
        }

        return NothingChanged(reproduction.UsesMLNet, reproduction.Recorded.Environment.ProcessorCount);
    }

    /// <summary>Why a metric moves when no recorded input did: ML.NET's racing threads, or a program that is not deterministic.</summary>
    public static string NothingChanged(bool usesMLNet, int count)
    {
        return usesMLNet && count > 1
            ? $"No recorded input changed, and the program runs ML.NET at a processor count of {count}: at that count some ML.NET trainers " +
              "(SDCA, KMeans, …) race their worker threads and give different numbers on every run. Set ProcessorCount=\"1\" on the " +
              "<Experiment> (Repro's default for ML.NET projects) or the trainer's NumberOfThreads = 1, and train again."
            : "No recorded input changed: the program itself is not deterministic (clock, unseeded randomness, parallel sums).";
    }

    /// <summary>The model line: identical, identical but for ZIP metadata, or which artifacts (and entries) differ.</summary>
    public static string Model(Verdict verdict)
    {
        if (!verdict.ModelIdentical)
        {
            return "differs (" + string.Join(", ", verdict.ChangedArtifacts.Select(path =>
                verdict.ChangedEntries?.GetValueOrDefault(path) is { } entries ? $"{path}: entries {string.Join(", ", entries)}" : path)) + ")";
        }

        return verdict.SameEntries.Count == 0
            ? "bit-identical"
            : $"identical ({string.Join(", ", verdict.SameEntries)}: the same entries, only ZIP metadata such as timestamps differs)";
    }

    /// <summary>"same: 16", "changed: 2 → 16": an input shows its value either way, so what was pinned or compared can be read.</summary>
    private static string Describe(InputCheck input)
    {
        // Hashes and commits are long: their first twelve digits tell them apart.
        var digest = input.Input == "commit" || input.Recorded is { Length: 64 } || input.Current is { Length: 64 };
        var kind = digest && input.Input != "commit" ? "sha256 " : "";
        string Value(string? value) => digest ? Shown.Digest(value) : value ?? "none";
        if (!input.Changed)
        {
            return $"same: {(input.Recorded is null ? "none" : kind + Value(input.Recorded))}";
        }

        var detail = input.Detail is { } files ? " — " + files : "";
        return $"changed: {kind}{Value(input.Recorded)} → {Value(input.Current)}{detail}";
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The line a reproduction that passed ends with: where it is, how many metrics held, and the model.</summary>
    public static string Reproduced(Reproduction reproduction, string projectDirectory)
    {
        var verdict = reproduction.Verdict;
        var model = !verdict.ModelIdentical ? "model differs" : verdict.SameEntries.Count == 0 ? "model bit-identical" : "model identical";
        return $"{Relative(projectDirectory, reproduction.Outcome.Folder)} (reproduced {reproduction.Recorded.RunId}: {verdict.Metrics.Count} metric(s) within tolerance, {model})";
    }

    /// <summary>Why a cancelled reproduction failed.</summary>
    public static string Cancelled(Reproduction reproduction) =>
        $"the reproduction of {reproduction.Recorded.RunId} was cancelled: run {reproduction.Outcome.Record.RunId} is recorded as cancelled. Reproduce again.";

    private static string Relative(string projectDirectory, string folder) => Path.GetRelativePath(projectDirectory, folder).Replace('\\', '/');
}
