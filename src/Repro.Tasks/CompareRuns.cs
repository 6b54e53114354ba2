using Microsoft.Build.Framework;
using Repro.Comparison;

namespace Repro.Tasks;

/// <summary>-t:Compare: two runs, groups or model versions side by side; with -p:MaxRegression, a gate.</summary>
public sealed class CompareRuns : RegistryTask
{
    /// <summary>-p:Against: side B, the baseline: a run id, a group id or model@version / model@alias.</summary>
    public string? Against { get; set; }

    /// <summary>-p:MaxRegression: how much worse A may be than B, per metric: "accuracy=0.01 log_loss=0.05".</summary>
    public string? MaxRegression { get; set; }

    private protected override void ExecuteCore()
    {
        var margins = RegressionGate.Parse(MaxRegression);
        var a = ComparisonSide.Resolve(Store, Registry, RunId, "-p:RunId");
        var b = ComparisonSide.Resolve(Store, Registry, Against, "-p:Against");
        var comparison = Comparer.Compare(a, b);
        RegressionGate.RefuseSplitMargins(margins, (BuildEngine as IBuildEngine6)?.GetGlobalProperties() ?? new Dictionary<string, string>(), comparison);
        RunLog.Progress($"{ProjectName} -> " + ComparisonReport.Render(comparison));
        if (margins.Count > 0)
        {
            RunLog.Progress(RegressionGate.Check(comparison, margins));
        }
    }
}
