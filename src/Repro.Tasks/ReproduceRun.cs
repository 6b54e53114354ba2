using Microsoft.Build.Framework;
using Repro.Diagnostics;
using Repro.Reproduction;

namespace Repro.Tasks;

/// <summary>Re-runs a recorded run, compares it with the record, and fails the build when it diverges.</summary>
public sealed class ReproduceRun : ReproductionTask, ICancelableTask
{
    private readonly CancellationTokenSource _cancel = new();

    /// <summary>The reproduction's RunId, with ReproductionOf and Verdict metadata.</summary>
    [Output]
    public ITaskItem? Reproduction { get; private set; }

    public void Cancel() => _cancel.Cancel();

    private protected override void ExecuteCore()
    {
        var request = Request();
        var settings = Settings();
        var result = new Reproducer(settings).Reproduce(request, _cancel.Token);
        RunLog.Progress(VerdictReport.Render(result));

        var folder = Path.GetRelativePath(settings.ProjectDirectory, result.Outcome.Folder).Replace('\\', '/');
        if (result.Verdict.Status != Verdict.Reproduced)
        {
            RunLog.Error(ErrorCode.Diverged, VerdictReport.Divergence(result, settings.ProjectDirectory));
        }
        else if (Exact && !result.Verdict.ModelIdentical)
        {
            RunLog.Error(ErrorCode.ModelDiffers,
                $"run '{result.Recorded.RunId}' reproduced its metrics but not its model ({VerdictReport.Model(result.Verdict)}), " +
                $"and -p:ReproExact=true asks for both. {VerdictReport.ChangedInputs(result)}");
        }
        else
        {
            var model = !result.Verdict.ModelIdentical ? "model differs"
                : result.Verdict.SameEntries.Count == 0 ? "model bit-identical" : "model identical";
            RunLog.Progress($"{Path.GetFileNameWithoutExtension(ProjectFile)} -> {folder} (reproduced {result.Recorded.RunId}: " +
                $"{result.Verdict.Metrics.Count} metric(s) within tolerance, {model})");
        }

        Reproduction = new Microsoft.Build.Utilities.TaskItem(result.Outcome.Record.RunId, new Dictionary<string, string>
        {
            ["ReproductionOf"] = result.Recorded.RunId,
            ["Verdict"] = result.Verdict.Status,
            ["Folder"] = result.Outcome.Folder,
        });
    }
}
