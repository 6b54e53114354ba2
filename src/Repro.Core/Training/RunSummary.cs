using Repro.Records;
using System.Globalization;
using System.Text;
using Repro.SourceControl;
using Repro.Training;

namespace Repro.Training;

/// <summary>
/// The end-of-build summary: a head line, then one aligned line per run with its experiment, id and main metrics;
/// a run that was up to date says so instead of its duration.
/// The head line has the "Project -> output" shape of the build's own output line, which the terminal logger
/// shows at its default verbosity, where it hides other messages.
/// </summary>
public static class RunSummary
{
    private const int MainMetrics = 4;

    /// <param name="git">This build's git state: when a run it made is dirty, a last line says so (<see cref="DirtyTreeNote"/>).</param>
    /// <param name="lockFile">The lock file's full path, named when restore just created it.</param>
    public static string Render(IReadOnlyList<RunOutcome> outcomes, string projectFile, GitStamp? git = null, string? lockFile = null)
    {
        var store = Path.GetRelativePath(Path.GetDirectoryName(projectFile)!, Path.GetDirectoryName(outcomes[0].Folder)!).Replace('\\', '/');
        var failed = outcomes.Count(o => o.Record.Status == RunStatus.Failed);
        var cancelled = outcomes.Count(o => o.Record.Status == RunStatus.Cancelled);
        var upToDate = outcomes.Count(o => o.UpToDate);
        var text = new StringBuilder(
            $"{Path.GetFileNameWithoutExtension(projectFile)} -> {store}/ ({outcomes.Count} run(s): {outcomes.Count - failed - cancelled - upToDate} completed, {failed} failed" +
            (cancelled > 0 ? $", {cancelled} cancelled" : "") + (upToDate > 0 ? $", {upToDate} up to date)" : ")"));
        var width = outcomes.Max(o => Label(o).Length);
        foreach (var outcome in outcomes)
        {
            text.Append('\n').Append("    ").Append(Label(outcome).PadRight(width)).Append("  ").Append(Describe(outcome.Record, outcome.UpToDate));
        }

        if (git is not null && outcomes.Any(o => !o.UpToDate && o.Record.Git.Dirty == true) &&
            DirtyTreeNote.Render(git, Path.GetDirectoryName(projectFile)!, lockFile) is { } dirty)
        {
            text.Append('\n').Append(dirty);
        }

        return text.ToString();
    }

    private static string Label(RunOutcome outcome) =>
        outcome.Member is { } member ? $"{outcome.Record.Experiment} {member}" : outcome.Record.Experiment;

    private static string Describe(RunRecord record, bool upToDate)
    {
        var took = upToDate ? "up to date" : (record.DurationMs / 1000.0).ToString("0.0", CultureInfo.InvariantCulture) + " s";
        if (record.Status != RunStatus.Completed)
        {
            return $"{record.RunId}  {record.Status.ToUpperInvariant()} ({record.Error?.Code}) after {took}";
        }

        var metrics = string.Join("  ", record.Metrics.Take(MainMetrics).Select(m => $"{m.Key}={Shown.Number(m.Value)}"));
        var more = record.Metrics.Count > MainMetrics ? $"  (+{record.Metrics.Count - MainMetrics} more)" : "";
        return $"{record.RunId}  {took}  {metrics}{more}";
    }

    /// <summary>
    /// The table a failed Train ends with: every run that failed or was cancelled, with its code and the first line of
    /// its error, those that could not even be recorded, and how many never started. Null when all went well.
    /// </summary>
    public static string? Failures(TrainResult result, bool stoppedOnFirstFailure)
    {
        var rows = result.Runs.Where(o => o.Record.Status != RunStatus.Completed)
            .Select(o => (Label: Label(o), Run: o.Record.RunId, Status: o.Record.Status, Code: o.Record.Error?.Code ?? "", Message: o.Record.Error?.Message ?? ""))
            .Concat(result.NotRecorded.Select(f => (Label: f.Member is null ? f.Experiment : $"{f.Experiment} {f.Member}", Run: "-", Status: "not recorded", f.Code, f.Message)))
            .ToArray();
        if (rows.Length == 0 && result.NotStarted == 0)
        {
            return null;
        }

        var total = result.Runs.Count + result.NotRecorded.Count + result.NotStarted;
        var text = new StringBuilder($"{rows.Length} of {total} run(s) did not complete:");
        var widths = (Label: rows.Select(r => r.Label.Length).DefaultIfEmpty(0).Max(), Run: rows.Select(r => r.Run.Length).DefaultIfEmpty(0).Max(),
            Status: rows.Select(r => r.Status.Length).DefaultIfEmpty(0).Max());
        foreach (var row in rows)
        {
            text.Append("\n    ").Append(row.Label.PadRight(widths.Label)).Append("  ").Append(row.Run.PadRight(widths.Run)).Append("  ")
                .Append(row.Status.PadRight(widths.Status)).Append("  ").Append(row.Code).Append("  ").Append(row.Message.Split('\n')[0].Trim());
        }

        if (result.NotStarted > 0)
        {
            text.Append($"\n    {result.NotStarted} run(s) not started: ")
                .Append(stoppedOnFirstFailure && result.Runs.All(o => o.Record.Status != RunStatus.Cancelled) ? "-p:StopOnFirstFailure=true stopped at the first failure." : "the build was cancelled.");
        }

        return text.ToString();
    }


    /// <summary>A group this shard trained part of: recorded once the other shards' members are pulled in.</summary>
    public static string Pending(PendingGroup pending, Sharding.Shard? shard) =>
        $"group {pending.GroupId} of {pending.Experiment}: {pending.Here} of {pending.Planned} members trained by shard {shard}; " +
        "the rest are trained by other shards — Pull them (-t:Pull) and the group is recorded.";

    /// <summary>Why a cancelled Train failed: which run is kept as cancelled, how many never started.</summary>
    public static string Cancelled(TrainResult result)
    {
        var kept = result.Runs.Where(o => o.Record.Status == RunStatus.Cancelled).Select(o => o.Record.RunId).ToArray();
        return "Train was cancelled" +
            (kept.Length > 0 ? $": run {string.Join(", ", kept)} is recorded as cancelled with what it had logged" : "") +
            (result.NotStarted > 0 ? $"; {result.NotStarted} run(s) never started" : "") + ". Train again to make them.";
    }
}
