using Repro.Diagnostics;
using Repro.Fingerprints;
using Repro.Records;

namespace Repro.Runs;

/// <summary>
/// Reads a recorded run and proves it intact before anything is re-run: config.json, metrics.json, history.jsonl and every artifact and plot
/// must hash to what run.json says, and run.json's metrics must be metrics.json's.
/// </summary>
public static class RecordIntegrity
{
    /// <summary>
    /// A completed run's record, proven intact. The status is checked first: a run that failed has nothing to
    /// reproduce whether or not its files match, and that is what the user needs to hear.
    /// </summary>
    /// <param name="needArtifacts">
    /// Whether the caller needs the artifacts themselves (Register, Describe, an exact Reproduce): then one not in the
    /// folder is REPRO0083, saying to Pull. Otherwise (Compare, a metrics Reproduce) artifacts left on a remote are fine.
    /// </param>
    public static RunRecord Read(string runFolder, bool needArtifacts = true)
    {
        var record = Load(runFolder);
        if (record.Status != RunStatus.Completed)
        {
            throw new ReproException(ErrorCode.FailedRunNotReproducible,
                $"run '{record.RunId}' {record.Status} ({record.Error?.Code}) and has no metrics to reproduce: reproduce a completed run.");
        }

        Check(runFolder, record, needArtifacts);
        return record;
    }

    /// <summary>Any run's record, completed or failed, proven intact.</summary>
    public static RunRecord ReadAnyStatus(string runFolder, bool needArtifacts = true)
    {
        var record = Load(runFolder);
        Check(runFolder, record, needArtifacts);
        return record;
    }

    /// <summary>The record alone, read strictly but not yet checked: to learn which artifacts to pull before the check.</summary>
    public static RunRecord Peek(string runFolder) => Load(runFolder);

    private static RunRecord Load(string runFolder) => StoredRecord.In(runFolder).Require();

    private static void Check(string runFolder, RunRecord record, bool needArtifacts)
    {
        var id = record.RunId;
        Expect(runFolder, id, RunFiles.Config, record.Files.Config);
        if (record.Files.Metrics is not null)
        {
            Expect(runFolder, id, RunFiles.Metrics, record.Files.Metrics);
            // A failed run records no metrics, though its program may have written some before it failed.
            if (record.Status == RunStatus.Completed
                && !MetricsFile.Read(Path.Combine(runFolder, RunFiles.Metrics), record.Experiment).SequenceEqual(record.Metrics))
            {
                throw Damaged(id, $"the metrics in {RunFiles.Run} are not those of {RunFiles.Metrics}");
            }
        }

        if (record.Files.History is not null)
        {
            Expect(runFolder, id, RunFiles.History, record.Files.History);
        }

        var notLocal = Remotes.LocalArtifacts.Missing(runFolder, record);
        if (notLocal.Count > 0 && needArtifacts)
        {
            throw new ReproException(ErrorCode.ArtifactsNotLocal,
                $"{notLocal.Count} of the {record.Artifacts.Count} artifacts of run '{id}' ({Remotes.Bytes.Shown(notLocal.Sum(a => a.Bytes))}) are not in its folder " +
                $"({string.Join(", ", notLocal.Take(3).Select(a => a.Path))}{(notLocal.Count > 3 ? ", …" : "")}), and no remote is set to pull them from: " +
                $"`dotnet build -t:Pull -p:ReproRemote=<remote> -p:RunId={id}`, then run this again.");
        }

        foreach (var artifact in record.Artifacts.Except(notLocal))
        {
            Expect(runFolder, id, artifact.Path, artifact.Sha256);
        }

        if (record.Git.Patch is { Sha256: { } patch })
        {
            ExpectSourcePatch(runFolder, id, patch);
        }
    }

    private static void Expect(string runFolder, string id, string relativePath, string sha256)
    {
        var path = Path.Combine(runFolder, relativePath);
        if (!File.Exists(path))
        {
            throw Damaged(id, $"{relativePath} is missing");
        }

        var actual = InputFile.Read(path, FileHash.Sha256);
        if (actual != sha256)
        {
            throw Damaged(id, $"{relativePath} has changed since it was recorded (sha256 {Shown.Digest(sha256)} → {Shown.Digest(actual)})");
        }
    }

    // Without its patch, a dirty run's commit is not the code it ran: its own code, so Reproduce at commit can say what to do.
    private static void ExpectSourcePatch(string runFolder, string id, string sha256)
    {
        var path = Path.Combine(runFolder, RunFiles.SourcePatch);
        var actual = File.Exists(path) ? FileHash.Sha256(path) : null;
        if (actual != sha256)
        {
            throw new ReproException(ErrorCode.DamagedSourcePatch,
                $"the record of run '{id}' is not intact: its {RunFiles.SourcePatch}, the uncommitted changes it was made with, " +
                (actual is null ? "is missing" : $"has changed since it was recorded (sha256 {Shown.Digest(sha256)} → {Shown.Digest(actual)})") +
                ". Restore the run folder from version control, or train a new run.");
        }
    }

    private static ReproException Damaged(string id, string why) => StoredRecord.Damaged(id, why);
}
