using Repro.Runs;

namespace Repro.Tasks;

/// <summary>-t:Prune: removes interrupted runs, and only them, and says what it removed.</summary>
public sealed class PruneRuns : RegistryTask
{
    private protected override void ExecuteCore()
    {
        var removed = RunPruner.Prune(Store);
        var kept = Store.Partials();
        RunLog.Progress($"{ProjectName} -> {RunsDirectory}/\n" + RunPruner.Describe(removed, kept));
    }
}
