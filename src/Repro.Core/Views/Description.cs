using Repro.Diagnostics;
using Repro.Registry;
using Repro.Remotes;
using Repro.Runs;
using Repro.Training;
using Repro.Verbs;

namespace Repro.Views;

/// <summary>
/// -t:Describe: a run, a group or a registered version, and the commands that reproduce it. It describes what it finds
/// and never fails because of it: a damaged record, artifacts that are elsewhere, a registry file that cannot be read
/// are each said plainly. Only a run that is not there (or a bad name) is an error.
/// </summary>
public static class Description
{
    /// <param name="fetch">Pulls artifacts that are not local, when a remote is set, so the record can be proven whole.</param>
    public static string Render(RunStore store, ModelRegistry registry, string projectFile, string? runId, ModelReference? model, ArtifactFetch? fetch)
    {
        var notes = new List<string>();
        if (!string.IsNullOrWhiteSpace(runId) && RunLookup.FindGroup(store, runId.Trim()) is { } group)
        {
            var groupVersions = Versions(registry, v => v.Group == group.GroupId, notes);
            return GroupDescription.Render(group, groupVersions, Aliases(registry, groupVersions, notes),
                ReproduceCommand.ForReproduce(projectFile, $"-p:RunId={group.GroupId}")) + Notes(notes);
        }

        var id = RunSelection.RunId(store, registry, runId, model);
        try
        {
            fetch?.Invoke(store, id);
        }
        catch (ReproException e)
        {
            notes.Add($"the artifacts that are not local could not be pulled: {e.Code}: {e.Message}");
        }

        var versions = Versions(registry, v => v.RunId == id, notes);
        var selector = model is null ? $"-p:RunId={id}" : $"-p:Model={model}";
        var text = RunDescription.Render(store.Folder(id), versions, Aliases(registry, versions, notes), ReproduceCommand.ForReproduce(projectFile, selector));
        if (string.IsNullOrWhiteSpace(runId) && model is not null && registry.Resolve(model) is { Group: { } backing } version)
        {
            text += "\n" + GroupDescription.Backing(version, RunLookup.FindGroup(store, backing));
        }

        // Named by an alias: where it has pointed, who moved it and when.
        if (string.IsNullOrWhiteSpace(runId) && model is not null && Aliases(registry, Versions(registry, v => v.Model == model.Model, notes), notes)
                .FirstOrDefault(a => a.Model == model.Model && string.Equals(a.Alias, model.Version, StringComparison.OrdinalIgnoreCase)) is { } named)
        {
            text += string.Concat(AliasText.History(named).Select(line => $"\n  history       {line}"));
        }

        return text + Notes(notes);
    }

    /// <summary>The versions <paramref name="about"/> picks; none, and a note, when the registry cannot be read.</summary>
    public static IReadOnlyList<ModelVersion> Versions(ModelRegistry registry, Func<ModelVersion, bool> about, List<string> notes)
    {
        try
        {
            return registry.Models().SelectMany(registry.Versions).Where(about).ToArray();
        }
        catch (ReproException e) when (e.Code == ErrorCode.DamagedRegistry)
        {
            notes.Add($"the registry cannot be read, so the versions of this run are not shown: {e.Message}");
            return [];
        }
    }

    /// <summary>The aliases of the models of <paramref name="versions"/>; none, and a note, when an alias file cannot be read.</summary>
    public static IReadOnlyList<ModelAlias> Aliases(ModelRegistry registry, IReadOnlyList<ModelVersion> versions, List<string> notes)
    {
        try
        {
            return versions.Select(v => v.Model).Distinct().SelectMany(registry.Aliases).ToArray();
        }
        catch (ReproException e) when (e.Code == ErrorCode.DamagedRegistry)
        {
            notes.Add($"an alias file cannot be read: {e.Message}");
            return [];
        }
    }

    private static string Notes(List<string> notes) => string.Concat(notes.Select(n => "\n  note          " + n));
}
