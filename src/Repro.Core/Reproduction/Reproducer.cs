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

        var repositoryRoot = settings.Git.RepositoryRoot ?? throw new ReproException(ErrorCode.CommitNotReproducible,
            $"reproducing at the recorded commit needs the project's git repository, but {settings.Git.UnknownReason}.");
        settings.Log.Progress($"Reproducing {recorded.RunId} ({recorded.Experiment}, seed {recorded.Seed}) at commit {commit[..12]}…");
        using var worktree = CommitWorktree.Create(repositoryRoot, commit, settings.Log);
        if (run.SourcePatchFile is { } patch)
        {
            worktree.Apply(patch);
        }

        var projectFile = Path.Combine(worktree.Path, Path.GetRelativePath(repositoryRoot, settings.ProjectFile));
        worktree.Build(settings.DotnetHost, projectFile, request.Configuration);
        var projectDirectory = Path.GetDirectoryName(projectFile)!;
        var atCommit = settings with
        {
            ProjectFile = projectFile,
            ProgramPath = Path.Combine(projectDirectory, recorded.Program.Path),
            LockFile = Path.Combine(projectDirectory, Path.GetRelativePath(settings.ProjectDirectory, settings.LockFile)),
            AssetsFile = settings.AssetsFile is { } assets ? Path.Combine(projectDirectory, Path.GetRelativePath(settings.ProjectDirectory, assets)) : null,
            // The worktree holds the recorded commit with the recorded changes applied: the reproduction records them too.
            Git = GitProbe.Read(projectDirectory, null, null) with { Patch = run.SourcePatch },
        };
        return Run(atCommit, run, cancellation);
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
