using Microsoft.Build.Framework;
using Repro.Comparison;
using Repro.Diagnostics;
using Repro.Explanation;
using Repro.Training;

namespace Repro.Tasks;

/// <summary>-t:Explain: why B's metrics differ from A's, each input change applied alone to A as a recorded run.</summary>
public sealed class ExplainRuns : ReproTask, ICancelableTask
{
    private readonly CancellationTokenSource _cancel = new();

    /// <summary>@(_ReproProgram): the program, with what its runs are stamped with.</summary>
    [Required]
    public ITaskItem Program { get; set; } = null!;

    /// <summary>$(SourceRevisionId), when the SDK's own git reader set it.</summary>
    public string? SourceRevisionId { get; set; }

    /// <summary>-p:RunId: run A, as it was (a run id or NAME@VERSION).</summary>
    public string? RunId { get; set; }

    /// <summary>-p:Against: run B, whose metrics differ (a run id or NAME@VERSION).</summary>
    public string? Against { get; set; }

    /// <summary>-p:MaxParallelRuns</summary>
    public string? MaxParallelRuns { get; set; }

    public string Configuration { get; set; } = "Debug";

    public void Cancel() => _cancel.Cancel();

    private protected override void ExecuteCore()
    {
        var parallel = ParallelRuns.Parse(MaxParallelRuns);
        var a = Side(RunId, "-p:RunId");
        var b = string.IsNullOrWhiteSpace(Against) ? null : Side(Against, "-p:Against");
        var settings = TrainSettings.For(Settings, TaskItems.Program(Program), SourceRevisionId, RunLog);
        GroupExplanation explanation;
        using (CancellationSignals.Cancel(_cancel))
        {
            explanation = new Explainer(settings).Explain(new ExplainRequest(a, b, parallel, Configuration), _cancel.Token);
        }

        Report(ExplanationReport.Render(explanation));
        if (_cancel.IsCancellationRequested)
        {
            RunLog.Error(ErrorCode.Cancelled, "Explain was cancelled: the changes whose runs did not finish are not attributed.");
        }
    }

    /// <summary>A side as Compare finds it: a run, a group's completed runs, or what NAME@VERSION was registered from.</summary>
    private ExplainSide Side(string? reference, string property)
    {
        var side = ComparisonSide.Resolve(Store, Registry, reference, property);
        return new ExplainSide(side.Label, side.Runs.Select(r => r.RunId).ToArray(), side.IsGroup);
    }
}
