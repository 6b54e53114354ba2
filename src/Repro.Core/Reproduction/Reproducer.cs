using Repro.Diagnostics;
using Repro.Experiments;
using Repro.Records;
using Repro.SourceControl;
using Repro.Threads;
using Repro.Training;

namespace Repro.Reproduction;

/// <summary>The recorded run, its reproduction and how they compare.</summary>
/// <param name="UsesMLNet">The program runs ML.NET, whose trainers can race their threads: a hint when nothing else changed.</param>
public sealed record Reproduction(RunRecord Recorded, RunOutcome Outcome, Verdict Verdict, bool UsesMLNet = false);

/// <summary>
/// Re-runs a recorded run with its recorded configuration (never the project file's today) into a new run folder,
/// and compares: metrics within tolerance, inputs, artifacts.
/// </summary>
public sealed class Reproducer(TrainSettings settings)
{
    public Reproduction Reproduce(ReproduceRequest request, CancellationToken cancellation = default)
    {
        var run = RecordedRun.Open(settings.Store, request);
        var recorded = run.Record;
        if (run.Commit is not { } commit)
        {
            settings.Log.Progress($"Reproducing {recorded.RunId} ({recorded.Experiment}, seed {recorded.Seed}) with today's code…");
            return Run(settings, run, cancellation);
        }

        settings.Log.Progress($"Reproducing {recorded.RunId} ({recorded.Experiment}, seed {recorded.Seed}) at commit {commit[..12]}…");
        using var code = CommitBuild.Open(settings, recorded, commit, run.SourcePatchFile, run.SourcePatch, request.Configuration);
        return Run(code.Settings, run, cancellation);
    }

    private static Reproduction Run(TrainSettings settings, RecordedRun run, CancellationToken cancellation)
    {
        Verdict? verdict = null;
        var preparation = new RunPreparation(settings);
        var prepared = preparation.Prepare(run.Plan);
        var outcome = new RunMaker(settings, preparation.Inputs).Make(prepared, cancellation, (record, folder) =>
        {
            verdict = RunComparison.Compare(run.Record, record, run.Tolerance, run.Folder, folder, settings.Store.Rows);
            return record with { ReproductionOf = run.Record.RunId, Verdict = verdict };
        });
        return new Reproduction(run.Record, outcome, verdict!, MLNetUse.Find(settings.AssetsFile, settings.TargetFramework) is not null);
    }
}
