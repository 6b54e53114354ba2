using Repro.Experiments;
using Repro.Records;
using Repro.Runs;
using Repro.Training;

namespace Repro.Explanation;

/// <summary>Explain's re-runs: each prepared once, found up to date in the store, shared when two have the same inputs, else made.</summary>
public static class ExplanationRuns
{
    /// <summary>One run to have: run A (of pair A, B) with one change of B applied, or as recorded when Change is null.</summary>
    public sealed record Variant(string A, string B, InputChange? Change, TrainSettings Settings, RunPlan Plan);

    /// <summary>Makes the runs the store does not have yet, in the order given, up to MaxParallelRuns at once; finds the others up to date.</summary>
    /// <param name="a">Side A, as the progress names it.</param>
    public static RunOutcome?[] Run(TrainSettings settings, List<Variant> variants, string a, string b, int maxParallelRuns, CancellationToken cancellation)
    {
        var preparations = new Dictionary<TrainSettings, RunPreparation>(ReferenceEqualityComparer.Instance);
        var prepared = variants.Select(v =>
        {
            if (!preparations.TryGetValue(v.Settings, out var preparation))
            {
                preparations[v.Settings] = preparation = new RunPreparation(v.Settings);
            }

            return preparation.Prepare(v.Plan);
        }).ToArray();
        var cached = RunCache.Find(settings.Store, prepared.Select(p => p.Key).ToArray(), settings.Log);
        var outcomes = new RunOutcome?[variants.Count];
        var toMake = new List<int>();
        // A change that leaves every input of the run as it was (the same program from another commit) is the baseline's run again.
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        var same = new int?[variants.Count];
        for (var i = 0; i < variants.Count; i++)
        {
            if (first.TryGetValue(prepared[i].CacheKey, out var earlier))
            {
                same[i] = earlier;
            }
            else if (cached[i] is { Hit: { } hit, HitFolder: { } folder })
            {
                first[prepared[i].CacheKey] = i;
                outcomes[i] = new RunOutcome(hit, folder, UpToDate: true);
            }
            else
            {
                first[prepared[i].CacheKey] = i;
                toMake.Add(i);
            }
        }

        var baselines = variants.Count(v => v.Change is null);
        settings.Log.Progress($"Explaining {b} against {a}: {variants.Count - baselines} change(s) to apply alone and {(baselines == 1 ? "the baseline" : $"{baselines} baselines")}; " +
            $"{toMake.Count} run(s) to make, {variants.Count - toMake.Count - same.Count(x => x is not null)} up to date, {same.Count(x => x is not null)} the same as another.");
        var made = new RunScheduler(settings.Log, maxParallelRuns).Run(toMake.Select(i => prepared[i]).ToArray(), k =>
        {
            var i = toMake[k];
            var (runA, runB, change, runSettings, _) = variants[i];
            var label = change?.Label ?? Explainer.Baseline;
            var outcome = new RunMaker(runSettings, preparations[runSettings].Inputs).Make(prepared[i], cancellation,
                (record, _) => record with { ExplanationOf = new ExplanationOf(runA, runB, label) });
            settings.Log.Progress($"  {(baselines == 1 ? "" : $"{runA}, ")}{label}: run {outcome.Record.RunId} {outcome.Record.Status}");
            return outcome;
        }, cancellation);
        for (var k = 0; k < toMake.Count; k++)
        {
            outcomes[toMake[k]] = made.Outcomes[k];
        }

        for (var i = 0; i < variants.Count; i++)
        {
            if (same[i] is { } earlier && outcomes[earlier] is { } outcome)
            {
                outcomes[i] = outcome with { UpToDate = true };
            }
        }

        return outcomes;
    }
}
