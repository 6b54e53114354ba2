using Repro.Views;
using Repro.Diagnostics;
using Repro.Registry;
using Repro.Runs;

namespace Repro.Tasks;

/// <summary>-t:Runs: the run store as a table, newest first, then the runs that were interrupted, each with a warning.</summary>
public sealed class ListRuns : RegistryTask
{
    /// <summary>-p:Experiment, to list one experiment's runs.</summary>
    public string? Experiment { get; set; }

    /// <summary>-p:Last: how many of the newest runs to list; 0 for all. Default 50.</summary>
    public string? Last { get; set; }

    private protected override void ExecuteCore()
    {
        RunLog.Progress($"{ProjectName} -> {RunsDirectory}/\n" +
            RunListing.Render(Store, Registry, string.IsNullOrWhiteSpace(Experiment) ? null : Experiment, RunListing.ParseLast(Last),
                string.IsNullOrWhiteSpace(Remote) ? null : Remotes.RemoteLocation.Parse(Remote, ProjectDirectory).ToString()));
        foreach (var run in Store.Partials().Where(p => p.State == PartialState.Interrupted))
        {
            RunLog.Warning(ErrorCode.InterruptedRun,
                $"run {run.RunId} was interrupted ({run.OwnerText}, is gone) and will never finish: -t:Prune removes it.");
        }
    }
}
