using Repro.Registry;

namespace Repro.Tasks;

/// <summary>-t:Runs: the run store as a table, newest first.</summary>
public sealed class ListRuns : RegistryTask
{
    /// <summary>-p:Experiment, to list one experiment's runs.</summary>
    public string? Experiment { get; set; }

    private protected override void ExecuteCore() =>
        RunLog.Progress($"{ProjectName} -> {RunsDirectory}/\n" + RunListing.Render(Store, Registry, string.IsNullOrWhiteSpace(Experiment) ? null : Experiment));
}
