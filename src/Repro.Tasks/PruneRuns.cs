using Repro.Runs;

namespace Repro.Tasks;

/// <summary>-t:Prune: removes interrupted runs, and only them, and says what it removed.</summary>
public sealed class PruneRuns : ReproTask
{
    private protected override void ExecuteCore()
    {
        var removed = RunPruner.Prune(Store);
        Report($"{Settings.RunsDirectory}/\n" + RunPruner.Describe(removed, Store.Partials()));
    }
}
