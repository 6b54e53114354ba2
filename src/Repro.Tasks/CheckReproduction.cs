using Repro.Reproduction;
using Repro.Runs;

namespace Repro.Tasks;

/// <summary>Reproduce's first step: finds the run, or every member of a group, and proves its record intact, before the program is built.</summary>
public sealed class CheckReproduction : ReproductionTask
{
    private protected override void ExecuteCore()
    {
        var request = Request();
        if (RunLookup.FindGroup(Store, request.RunId) is { } group)
        {
            GroupReproduction.Open(Store, group, request);
            return;
        }

        RecordedRun.Open(Store, request);
    }
}
