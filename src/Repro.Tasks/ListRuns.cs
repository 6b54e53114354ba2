using Repro.Registry;

namespace Repro.Tasks;

/// <summary>-t:Runs: the run store as a table, newest first.</summary>
public sealed class ListRuns : RegistryTask
{
    /// <summary>-p:Experiment, to list one experiment's runs.</summary>
    public string? Experiment { get; set; }

    /// <summary>-p:Last: how many of the newest runs to list; 0 for all. Default 50.</summary>
    public string? Last { get; set; }

    private protected override void ExecuteCore() =>
        RunLog.Progress($"{ProjectName} -> {RunsDirectory}/\n" +
            RunListing.Render(Store, Registry, string.IsNullOrWhiteSpace(Experiment) ? null : Experiment, RunListing.ParseLast(Last)));
}
