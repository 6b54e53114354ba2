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
        var recordedFolder = RunLookup.Find(settings.Store, request.RunId);
        var recorded = RecordIntegrity.Read(recordedFolder);
        var config = RecordJson.ReadConfig(Path.Combine(recordedFolder, RunFiles.Config));
        var tolerance = request.Tolerance is { } text
            ? ToleranceSpec.Parse(text, "-p:Tolerance")
            : ToleranceSpec.Parse(recorded.Tolerance, $"run '{recorded.RunId}'");
        // The program gets the processor count it saw when recorded, whatever this machine has.
        var threads = new ThreadSettings(recorded.Environment.ProcessorCount, recorded.Environment.OmpNumThreads);
        var plan = new RunPlan(config.Experiment, config.Seed, config.TestSize, config.Params, config.Data, [], tolerance, threads);

        if (!request.AtCommit)
        {
            settings.Log.Progress($"Reproducing {recorded.RunId} ({recorded.Experiment}, seed {recorded.Seed}) with today's code…");
            return Run(settings, recorded, recordedFolder, plan, tolerance, cancellation);
        }

        var commit = RequireCleanCommit(recorded);
        var repositoryRoot = settings.Git.RepositoryRoot ?? throw new ReproException(ErrorCode.CommitNotReproducible,
            $"reproducing at the recorded commit needs the project's git repository, but {settings.Git.UnknownReason}.");
        settings.Log.Progress($"Reproducing {recorded.RunId} ({recorded.Experiment}, seed {recorded.Seed}) at commit {commit[..12]}…");
        using var worktree = CommitWorktree.Create(repositoryRoot, commit, settings.Log);
        var projectFile = Path.Combine(worktree.Path, Path.GetRelativePath(repositoryRoot, settings.ProjectFile));
        worktree.Build(settings.DotnetHost, projectFile, request.Configuration);
        var projectDirectory = Path.GetDirectoryName(projectFile)!;
        var atCommit = settings with
        {
            ProjectFile = projectFile,
            ProgramPath = Path.Combine(projectDirectory, recorded.Program.Path),
            LockFile = Path.Combine(projectDirectory, Path.GetRelativePath(settings.ProjectDirectory, settings.LockFile)),
            Git = GitProbe.Read(projectDirectory, null, null),
        };
        return Run(atCommit, recorded, recordedFolder, plan, tolerance, cancellation);
    }

    private static Reproduction Run(
        TrainSettings settings, RunRecord recorded, string recordedFolder, RunPlan plan, ToleranceSpec tolerance, CancellationToken cancellation)
    {
        Verdict? verdict = null;
        var outcome = new Trainer(settings).TrainOne(plan, cancellation, (record, folder) =>
        {
            verdict = RunComparison.Compare(recorded, record, tolerance, recordedFolder, folder);
            return record with { ReproductionOf = recorded.RunId, Verdict = verdict };
        });
        return new Reproduction(recorded, outcome, verdict!, MLNetProgram.IsUsedBy(settings.ProgramPath));
    }

    private static string RequireCleanCommit(RunRecord recorded)
    {
        if (recorded.Git.Commit is null)
        {
            throw new ReproException(ErrorCode.CommitNotReproducible,
                $"run '{recorded.RunId}' recorded no commit ({recorded.Git.UnknownReason}), so there is no code to go back to: reproduce it with today's code (leave out -p:ReproduceAt).");
        }

        if (recorded.Git.Dirty != false)
        {
            throw new ReproException(ErrorCode.CommitNotReproducible,
                $"run '{recorded.RunId}' was made from a working tree with uncommitted changes, so commit {recorded.Git.Commit[..12]} is not the code it ran: reproduce it with today's code (leave out -p:ReproduceAt).");
        }

        return recorded.Git.Commit;
    }
}
