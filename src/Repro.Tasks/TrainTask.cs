using Microsoft.Build.Framework;
using Repro.Diagnostics;
using Repro.Groups;
using Repro.Training;

namespace Repro.Tasks;

/// <summary>
/// -t:Train: runs every selected experiment that is not up to date with the built program and records each run. Two
/// tasks do it, <see cref="TrainInBuildProcess"/> and <see cref="TrainExperiments"/> in a task host; they differ only
/// in how a signal that ends the build reaches the runs.
/// </summary>
public abstract class TrainTask : ExperimentsTask, ICancelableTask
{
    private readonly CancellationTokenSource _cancel = new();
    private Runs.RecordCache? _records;

    /// <summary>-p:StopOnFirstFailure=true: start no further run once one has failed.</summary>
    public bool StopOnFirstFailure { get; set; }

    /// <summary>$(SourceRevisionId), when the SDK's own git reader set it.</summary>
    public string? SourceRevisionId { get; set; }

    /// <summary>-p:Force=true: run every experiment, up to date or not.</summary>
    public bool Force { get; set; }

    /// <summary>$(ReproReport): false keeps Train from refreshing the runs page.</summary>
    public bool WritePage { get; set; } = true;

    /// <summary>-p:ReportFile: where the runs page goes; empty for index.html in the run store.</summary>
    public string? ReportFile { get; set; }

    /// <summary>One item per run, made now or up to date: the RunId, with Experiment, Status, Folder, UpToDate and Group metadata.</summary>
    [Output]
    public ITaskItem[] Runs { get; private set; } = [];

    /// <summary>One item per group the runs formed: the GroupId, with Experiment, Folder, Best and UpToDate metadata.</summary>
    [Output]
    public ITaskItem[] Groups { get; private set; } = [];

    /// <summary>MSBuild's cancellation (Ctrl+C): the runs being made are stopped and recorded as cancelled.</summary>
    public void Cancel() => _cancel.Cancel();

    /// <summary>What, besides MSBuild's <see cref="Cancel"/>, cancels the runs while they are made in this process.</summary>
    private protected abstract IDisposable CancelOnSignals(CancellationTokenSource cancellation);

    private protected void Train()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var plans = Plan();
        if (plans.Count == 0)
        {
            return;
        }

        if (Training.TrainWarmUp.Describe(Store) is { } warmUp)
        {
            RunLog.Detail(warmUp);
        }

        var planned = clock.ElapsedMilliseconds;
        var settings = Training.TrainSettings.For(Settings, ProgramInputs, SourceRevisionId, RunLog);
        var set = clock.ElapsedMilliseconds;
        TrainResult result;
        using (CancelOnSignals(_cancel))
        {
            result = new Trainer(settings) { WhileRunning = BesideTheRuns }.Train(plans, _cancel.Token, Force, ParallelLimit, StopOnFirstFailure, Slice);
        }

        var trained = clock.ElapsedMilliseconds;
        Show(result, settings);
        // Train's own cost in this process, by phase, so a slow build can be told from a slow program.
        RunLog.Detail($"Train took {clock.ElapsedMilliseconds} ms: experiments read {planned}, settings and git {set - planned}, " +
            $"runs {trained - set}, summary and page {clock.ElapsedMilliseconds - trained}");
        if (RunSummary.Failures(result, StopOnFirstFailure) is { } failures)
        {
            RunLog.Progress(failures);
        }

        if (_cancel.IsCancellationRequested)
        {
            RunLog.Error(ErrorCode.Cancelled, RunSummary.Cancelled(result));
        }
    }

    /// <summary>
    /// What this process does while the programs run, since it otherwise only waits: it compiles the page's code, and
    /// collects its garbage (MSBuild's, mostly), whose first collection, a tenth of a second, would otherwise fall after
    /// the runs, where the build waits for it.
    /// </summary>
    private void BesideTheRuns()
    {
        if (WritePage)
        {
            Repro.Report.RunsPage.Warm(ProjectFile, Registry, PagePath, Records);
        }

        GC.Collect(0, GCCollectionMode.Forced, blocking: true);
    }

    /// <summary>The summary of the runs and groups, the runs page, and the items Train returns.</summary>
    private void Show(TrainResult result, TrainSettings settings)
    {
        if (result.Runs.Count > 0)
        {
            RunLog.Progress(RunSummary.Render(result.Runs, settings.ProjectFile, settings.Git, settings.LockFile));
        }

        foreach (var group in result.Groups)
        {
            RunLog.Progress(GroupSummary.Render(group with { Folder = Path.GetRelativePath(Settings.ProjectDirectory, group.Folder) }));
        }

        foreach (var pending in result.Pending)
        {
            RunLog.Progress(RunSummary.Pending(pending, Slice));
        }

        if (WritePage && result.Runs.Count > 0)
        {
            RefreshReport();
        }

        Runs = result.Runs.Select(o => (ITaskItem)new Microsoft.Build.Utilities.TaskItem(o.Record.RunId, new Dictionary<string, string>
        {
            ["Experiment"] = o.Record.Experiment,
            ["Status"] = o.Record.Status,
            ["Folder"] = o.Folder,
            ["UpToDate"] = o.UpToDate ? "true" : "false",
            ["Group"] = o.Record.Group ?? "",
        })).ToArray();
        Groups = result.Groups.Select(g => (ITaskItem)new Microsoft.Build.Utilities.TaskItem(g.Record.GroupId, new Dictionary<string, string>
        {
            ["Experiment"] = g.Record.Experiment,
            ["Folder"] = g.Folder,
            ["Best"] = g.Record.BestRun ?? "",
            ["UpToDate"] = g.UpToDate ? "true" : "false",
        })).ToArray();
    }

    // The records the page read while the programs ran, so the page written after them reads only the new ones.
    private Runs.RecordCache Records => _records ??= new(Store);

    private string PagePath => Verbs.VerbAnswers.PagePath(Settings, ReportFile);

    /// <summary>The runs page, with this build's runs in it; a page that cannot be written costs a warning, never the runs.</summary>
    private void RefreshReport()
    {
        try
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var (path, runs, built) = Repro.Report.RunsPage.Write(ProjectFile, Store, Registry, PagePath, RunLog, Records);
            RunLog.Progress($"runs page: {Path.GetRelativePath(Settings.ProjectDirectory, path)} ({runs} runs)");
            if (!built)
            {
                RunLog.Detail($"runs page up to date: its stamp checked in {clock.ElapsedMilliseconds} ms");
            }
        }
        catch (ReproException e)
        {
            RunLog.Warning(e.Code, e.Message);
        }
    }
}
