using Microsoft.Build.Framework;
using Repro.Records;
using Repro.Runs;
using Repro.SourceControl;
using Repro.Training;

namespace Repro.Tasks;

/// <summary>Runs every selected experiment with the built program and records each run.</summary>
public sealed class TrainExperiments : ExperimentsTask, ICancelableTask
{
    private readonly CancellationTokenSource _cancel = new();

    [Required]
    public string RunsDirectory { get; set; } = "";

    [Required]
    public string ProgramPath { get; set; } = "";

    /// <summary>The dotnet executable; the SDK's $(DOTNET_HOST_PATH).</summary>
    public string? DotnetHost { get; set; }

    [Required]
    public string LockFile { get; set; } = "";

    public string? SourceRevisionId { get; set; }

    public string? SdkVersion { get; set; }

    public string? TargetFramework { get; set; }

    /// <summary>One item per run: the RunId, with Experiment, Status and Folder metadata.</summary>
    [Output]
    public ITaskItem[] Runs { get; private set; } = [];

    public void Cancel() => _cancel.Cancel();

    private protected override void ExecuteCore()
    {
        var plans = Plan();
        if (plans.Count == 0)
        {
            return;
        }

        var store = new RunStore(Path.Combine(ProjectDirectory, RunsDirectory));
        var git = GitProbe.Read(ProjectDirectory, store.Directory, SourceRevisionId);
        if (git.UnknownReason is { } reason)
        {
            RunLog.Warning(Diagnostics.ErrorCode.GitStateUnknown,
                $"the runs cannot record which code they ran, because {reason}: they are stamped with an unknown commit and dirty state.");
        }

        var settings = new TrainSettings(
            Path.GetFullPath(ProjectFile),
            store,
            Path.GetFullPath(ProgramPath),
            string.IsNullOrEmpty(DotnetHost) ? "dotnet" : DotnetHost,
            Path.Combine(ProjectDirectory, LockFile),
            git,
            SdkVersion,
            TargetFramework,
            RunLog);
        var outcomes = new Trainer(settings).Train(plans, _cancel.Token);
        if (outcomes.Count > 0)
        {
            RunLog.Progress(RunSummary.Render(outcomes, settings.ProjectFile));
        }

        Runs = outcomes.Select(o => (ITaskItem)new Microsoft.Build.Utilities.TaskItem(o.Record.RunId, new Dictionary<string, string>
        {
            ["Experiment"] = o.Record.Experiment,
            ["Status"] = o.Record.Status,
            ["Folder"] = o.Folder,
        })).ToArray();
    }
}
