using Repro.Views;

namespace Repro.Tasks;

/// <summary>-t:Describe: a run, a group or a registered version; it describes what it finds and fails only on a bad name.</summary>
public sealed class DescribeRun : SubjectTask
{
    private protected override void ExecuteCore()
    {
        using var remote = OpenRemote();
        Report(Description.Render(Store, Registry, Settings.ProjectFile, RunId, Version, Fetch(remote)));
    }
}
