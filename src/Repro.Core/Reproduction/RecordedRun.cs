using Repro.Diagnostics;
using Repro.Experiments;
using Repro.Records;
using Repro.Runs;
using Repro.SourceControl;
using Repro.Threads;

namespace Repro.Reproduction;

/// <summary>
/// A recorded run found, proven intact and ready to re-run. Reading it needs only the run store, so Reproduce reads
/// it before it builds the program: a mistyped id or a damaged record fails in a second, not after a build.
/// </summary>
/// <param name="Folder">The run's folder in the run store.</param>
/// <param name="Plan">The recorded configuration, at the recorded processor count.</param>
/// <param name="Tolerance">-p:Tolerance when given, else the tolerance recorded with the run.</param>
/// <param name="Commit">For -p:ReproduceAt=commit, the recorded commit to build; null to reproduce with today's code.</param>
public sealed record RecordedRun(string Folder, RunRecord Record, RunPlan Plan, ToleranceSpec Tolerance, string? Commit)
{
    /// <summary>At the commit, for a run from a dirty tree: its <c>source.patch</c>, to apply to the commit; else null.</summary>
    public string? SourcePatchFile => Commit is not null ? PatchOf(Folder, Record) : null;

    /// <summary>A run's <c>source.patch</c> when it was made from a dirty tree and kept one, else null.</summary>
    public static string? PatchOf(string folder, RunRecord record) => record.Git is { Dirty: true, Patch.Sha256: not null }
        ? Path.Combine(folder, RunFiles.SourcePatch)
        : null;

    /// <summary>The recorded changes, recorded again by the reproduction that applies them.</summary>
    public SourcePatch? SourcePatch => SourcePatchFile is { } file ? SourcePatch.Load(file, Record.Git.Patch!) : null;

    public static RecordedRun Open(RunStore store, ReproduceRequest request)
    {
        var folder = RunLookup.Find(store, request.RunId);
        if (request.Exact)
        {
            request.Fetch?.Invoke(store, Path.GetFileName(folder));
        }

        // Metrics decide a plain reproduction: artifacts left on a remote are then only not compared byte for byte.
        var record = RecordIntegrity.Read(folder, needArtifacts: request.Exact);
        var config = RecordJson.ReadConfig(Path.Combine(folder, RunFiles.Config));
        var tolerance = request.Tolerance is { } text
            ? ToleranceSpec.Parse(text, "-p:Tolerance")
            : ToleranceSpec.Parse(record.Tolerance, $"run '{record.RunId}'");
        // The program gets the processor count it saw when recorded, whatever this machine has.
        var threads = new ThreadSettings(record.Environment.ProcessorCount, record.Environment.OmpNumThreads) { PinnedBy = $"the count run {record.RunId} recorded" };
        var plan = new RunPlan(config.Experiment, config.Seed, config.TestSize, config.Params, config.Data, [], tolerance, threads);
        return new RecordedRun(folder, record, plan, tolerance, request.AtCommit ? CommitToBuild(record) : null);
    }

    /// <summary>The recorded commit, when it and the recorded changes (if any) give back the code the run ran; else REPRO0026 says why not.</summary>
    public static string CommitToBuild(RunRecord recorded)
    {
        if (recorded.Git.Commit is null)
        {
            throw new ReproException(ErrorCode.CommitNotReproducible,
                $"run '{recorded.RunId}' recorded no commit ({recorded.Git.UnknownReason}), so there is no code to go back to: reproduce it with today's code (leave out -p:ReproduceAt).");
        }

        var commit = recorded.Git.Commit[..Math.Min(12, recorded.Git.Commit.Length)];
        if (recorded.Git.Dirty is null)
        {
            throw new ReproException(ErrorCode.CommitNotReproducible,
                $"run '{recorded.RunId}' recorded commit {commit} but not whether the tree had uncommitted changes ({recorded.Git.UnknownReason}), " +
                "so the commit may not be the code it ran: reproduce it with today's code (leave out -p:ReproduceAt).");
        }

        if (recorded.Git.Dirty == true && recorded.Git.Patch is not { Sha256: not null })
        {
            var why = recorded.Git.Patch is { Truncated: true } patch
                ? $"they made a patch of {patch.Bytes:N0} bytes, more than $(ReproMaxPatchBytes) allowed when it was trained, so the run kept no {RunFiles.SourcePatch}"
                : $"the run kept no {RunFiles.SourcePatch} (it predates them, or git could not make one)";
            throw new ReproException(ErrorCode.CommitNotReproducible,
                $"run '{recorded.RunId}' was made from a working tree with uncommitted changes, and {why}: commit {commit} alone is not the code it ran. " +
                "Reproduce it with today's code (leave out -p:ReproduceAt).");
        }

        return recorded.Git.Commit;
    }
}
