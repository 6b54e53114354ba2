using Repro.Runs;
using Repro.Verbs;

namespace Repro.Tasks;

/// <summary>-t:Prune: removes interrupted runs, and only them, and says what it removed.</summary>
public sealed class PruneRuns : ReproTask
{
    private protected override void ExecuteCore() => Report(VerbAnswers.Pruned(Settings, RunPruner.Prune(Store)));
}
