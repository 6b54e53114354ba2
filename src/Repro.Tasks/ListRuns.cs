using Repro.Verbs;
using Repro.Views;

namespace Repro.Tasks;

/// <summary>-t:Runs: the run store as a table, newest first; it never fails because of what it lists.</summary>
public sealed class ListRuns : ReproTask
{
    /// <summary>-p:Experiment, to list one experiment's runs.</summary>
    public string? Experiment { get; set; }

    /// <summary>-p:Last: how many of the newest runs to list; 0 for all. Default 50.</summary>
    public string? Last { get; set; }

    private protected override void ExecuteCore() =>
        Report(VerbAnswers.Runs(Settings, string.IsNullOrWhiteSpace(Experiment) ? null : Experiment.Trim(), RunListing.ParseLast(Last)));
}
