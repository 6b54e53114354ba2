using Microsoft.Build.Framework;
using Repro.Comparison;

namespace Repro.Tasks;

/// <summary>-t:Compare: two runs, groups or model versions side by side; with -p:MaxRegression, a gate.</summary>
public sealed class CompareRuns : ReproTask
{
    /// <summary>-p:RunId: side A, the candidate: a run id, a group id or NAME@VERSION.</summary>
    public string? RunId { get; set; }

    /// <summary>-p:Against: side B, the baseline: a run id, a group id or NAME@VERSION.</summary>
    public string? Against { get; set; }

    /// <summary>-p:MaxRegression: how much worse A may be than B, per metric: "accuracy=0.01 log_loss=0.05".</summary>
    public string? MaxRegression { get; set; }

    private protected override void ExecuteCore()
    {
        var margins = RegressionGate.Parse(MaxRegression);
        // Without a gate Compare only reports: a failed or damaged run is shown, marked, not failed on.
        var gate = margins.Count > 0;
        var a = ComparisonSide.Resolve(Store, Registry, RunId, "-p:RunId", gate);
        var b = ComparisonSide.Resolve(Store, Registry, Against, "-p:Against", gate);
        var comparison = Comparer.Compare(a, b, Store.Rows);
        RegressionGate.RefuseSplitMargins(margins, (BuildEngine as IBuildEngine6)?.GetGlobalProperties() ?? new Dictionary<string, string>(), comparison);
        Report(ComparisonReport.Render(comparison));
        if (gate)
        {
            RunLog.Progress(RegressionGate.Check(comparison, margins));
        }
    }
}
