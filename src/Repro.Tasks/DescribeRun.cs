using Repro.Registry;
using Repro.Training;

namespace Repro.Tasks;

/// <summary>-t:Describe: the run behind a run id, a version number or an alias.</summary>
public sealed class DescribeRun : RegistryTask
{
    private protected override void ExecuteCore()
    {
        var runId = SelectedRunId();
        var registry = Registry;
        var versions = registry.Models().SelectMany(registry.Versions).Where(v => v.RunId == runId).ToArray();
        var aliases = versions.Select(v => v.Model).Distinct().SelectMany(registry.Aliases).ToArray();
        var selector = string.IsNullOrWhiteSpace(Model) ? $"-p:RunId={runId}" : $"-p:Model={Model} -p:Version={ModelVersion}";
        RunLog.Progress($"{ProjectName} -> " + RunDescription.Render(Path.Combine(Store.Directory, runId), versions, aliases,
            ReproduceCommand.ForReproduce(ProjectFile, selector)));
    }
}
