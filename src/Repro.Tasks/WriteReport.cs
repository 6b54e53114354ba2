using Repro.Report;

namespace Repro.Tasks;

/// <summary>-t:Report: the runs page, one self-contained HTML file (runs/index.html unless -p:ReportFile says otherwise).</summary>
public sealed class WriteReport : ReproTask
{
    /// <summary>-p:ReportFile: where the page goes, relative to the project; empty for index.html in the run store.</summary>
    public string? ReportFile { get; set; }

    private protected override void ExecuteCore()
    {
        var (path, runs, _) = RunsPage.Write(ProjectFile, Store, Registry, Verbs.VerbAnswers.PagePath(Settings, ReportFile), RunLog);
        Report($"{path} ({runs} runs)");
    }
}
