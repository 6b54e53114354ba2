using Repro.Reproduction;

namespace Repro.Tasks;

/// <summary>Reproduce's first step: finds the run and proves its record intact, before the program is built.</summary>
public sealed class CheckReproduction : ReproductionTask
{
    private protected override void ExecuteCore() => RecordedRun.Open(Store, Request());
}
