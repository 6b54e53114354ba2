using Repro.Views;
using Repro.Runs;
using Repro.Registry;
using Repro.Reproduction;
using Repro.Training;

namespace Repro.Tasks;

/// <summary>-t:Describe: the run behind a run id, a version number or an alias; or a group, by its id.</summary>
public sealed class DescribeRun : RegistryTask
{
    private protected override void ExecuteCore()
    {
        var registry = Registry;
        if (!string.IsNullOrWhiteSpace(RunId) && RunLookup.FindGroup(Store, RunId) is { } group)
        {
            var groupVersions = registry.Models().SelectMany(registry.Versions).Where(v => v.Group == group.GroupId).ToArray();
            RunLog.Progress($"{ProjectName} -> " + GroupDescription.Render(group, groupVersions, Aliases(groupVersions),
                ReproduceCommand.ForReproduce(ProjectFile, $"-p:RunId={group.GroupId}")));
            return;
        }

        var runId = SelectedRunId();
        var folder = Path.Combine(Store.Directory, runId);
        using var remote = OpenRemote();
        Fetch(remote)?.Invoke(Store, runId);
        var versions = registry.Models().SelectMany(registry.Versions).Where(v => v.RunId == runId).ToArray();
        var selector = string.IsNullOrWhiteSpace(Model) ? $"-p:RunId={runId}" : $"-p:Model={Model} -p:Version={ModelVersion}";
        var description = RunDescription.Render(folder, versions, Aliases(versions),
            ReproduceCommand.ForReproduce(ProjectFile, selector));
        if (string.IsNullOrWhiteSpace(RunId) && registry.Resolve(Model!, ModelVersion) is { Group: { } backing } version)
        {
            description += "\n" + GroupDescription.Backing(version, RunLookup.FindGroup(Store, backing));
        }

        RunLog.Progress($"{ProjectName} -> " + description);
        // Described, but not proven: the artifacts are elsewhere and no remote is set to bring them.
        if (RecordIntegrity.Peek(folder) is var record && Remotes.LocalArtifacts.Missing(folder, record).Count > 0)
        {
            RecordIntegrity.Read(folder);
        }
    }

    private IReadOnlyList<ModelAlias> Aliases(IReadOnlyList<ModelVersion> versions) =>
        versions.Select(v => v.Model).Distinct().SelectMany(Registry.Aliases).ToArray();
}
