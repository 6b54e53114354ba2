using System.Globalization;
using System.Text;
using Repro.SourceControl;
using Repro.Training;

namespace Repro.Records;

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
        var failed = outcomes.Count(o => o.Record.Status != RunStatus.Completed);
        var upToDate = outcomes.Count(o => o.UpToDate);
        var text = new StringBuilder(
            $"{Path.GetFileNameWithoutExtension(projectFile)} -> {store}/ ({outcomes.Count} run(s): {outcomes.Count - failed - upToDate} completed, {failed} failed" +
            (upToDate > 0 ? $", {upToDate} up to date)" : ")"));
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
            return $"{record.RunId}  FAILED ({record.Error?.Code}) after {took}";
        }

        var metrics = string.Join("  ", record.Metrics.Take(MainMetrics).Select(m => $"{m.Key}={Format(m.Value)}"));
        var more = record.Metrics.Count > MainMetrics ? $"  (+{record.Metrics.Count - MainMetrics} more)" : "";
        return $"{record.RunId}  {took}  {metrics}{more}";
    }

    public static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
