using System.Globalization;
using Repro.Diagnostics;
using Repro.Groups;
using Repro.Records;
using Repro.Reproduction;
using Repro.Runs;

namespace Repro.Registry;

/// <summary>Registers completed, intact runs, and groups of them, as model versions and moves aliases.</summary>
public static class Registration
{
    /// <param name="runId">A run id, or a group id: a group registers as a version backed by all its members.</param>
    /// <param name="member">-p:Member, for a group: the member (run id or seed) whose model the version is.</param>
    /// <param name="artifact">-p:Artifact: the run's model file, when more than one artifact is named model.* (or none is).</param>
    public static ModelVersion Register(RunStore store, ModelRegistry registry, string? runId, string? model, bool allowDirty, string projectDirectory, string? member = null,
        Remotes.ArtifactFetch? fetch = null, string? artifact = null)
    {
        if (ModelReference.TryParse(model) is { } reference)
        {
            throw new ReproException(ErrorCode.BadModelName,
                $"-p:Model={model} names a version, and Register makes the next one: -p:Model={reference.Model}.");
        }

        ModelName.Check(model);
        if (RunLookup.FindGroup(store, runId) is { } group)
        {
            return RegisterGroup(store, registry, group, model!, allowDirty, projectDirectory, member, fetch, artifact);
        }

        if (!string.IsNullOrWhiteSpace(member))
        {
            throw new ReproException(ErrorCode.BadMember,
                $"-p:Member={member} picks a member of a group, but '{runId}' is a run on its own: leave -p:Member out, or pass the group's id as -p:RunId.");
        }

        var (folder, record) = Registrable(store, runId, allowDirty, $"run '{runId}'", inGroup: false, fetch);
        return registry.Register(model!, number => Version(model!, number, record, folder, projectDirectory, artifact));
    }

    /// <summary>Points <paramref name="alias"/> at the version <paramref name="version"/> names (a number, or another alias).</summary>
    public static ModelAlias Promote(ModelRegistry registry, ModelReference version, string? alias)
    {
        ModelName.CheckAlias(alias);
        var resolved = registry.Resolve(version);
        return registry.Promote(version.Model, resolved.Version, alias!, DateTimeOffset.UtcNow, Registrar.Of(registry.Directory));
    }

    /// <summary>What Promote says it did: "iris-classifier@production now points at version 3 (was version 2)".</summary>
    public static string Promoted(ModelAlias alias) =>
        $"{alias.Model}@{alias.Alias} now points at version {alias.Version}" + (alias.History.Count > 1 ? $" (was version {alias.History[^2].Version})" : "");

    /// <summary>What Register says it did.</summary>
    public static string Registered(ModelVersion version) => version.Group is { } group
        ? $"registered group {group} as {version.Model}@{version.Version}, the model of member {version.RunId}"
        : $"registered run {version.RunId} as {version.Model}@{version.Version}";

    /// <summary>
    /// The member -p:Member names, by run id or seed; without one, the first seed's run (of the best grid point for a
    /// sweep, else the first point). A seed that names a member in several grid points must be given as a run id.
    /// </summary>
    public static GroupMember Member(GroupRecord group, string? member)
    {
        if (string.IsNullOrWhiteSpace(member))
        {
            var point = group.IsSweep && group.BestPoint is { } best && best < group.Points.Count ? group.Points[best] : group.Points.FirstOrDefault();
            return group.Members.FirstOrDefault(m => point?.Runs.Contains(m.RunId) == true) ?? group.Members[0];
        }

        var text = member.Trim();
        var isSeed = long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seed);
        var matches = group.Members.Where(m => m.RunId == text || (isSeed && m.Seed == seed)).ToArray();
        return matches.Length switch
        {
            1 => matches[0],
            0 => throw new ReproException(ErrorCode.BadMember,
                $"-p:Member={text} is not a member of group '{group.GroupId}': name one by run id or seed. Its members: {RunLookup.Members(group)}."),
            _ => throw new ReproException(ErrorCode.BadMember,
                $"-p:Member={text} names {matches.Length} members of group '{group.GroupId}', one per grid point: name one by run id: {string.Join(", ", matches.Select(RunLookup.Describe))}."),
        };
    }

    /// <summary>Every member must be completed, intact and (unless allowed) clean; the version is the chosen member's model.</summary>
    private static ModelVersion RegisterGroup(RunStore store, ModelRegistry registry, GroupRecord group, string model, bool allowDirty, string projectDirectory, string? member,
        Remotes.ArtifactFetch? fetch, string? artifact)
    {
        var chosen = Member(group, member);
        string? chosenFolder = null;
        RunRecord? chosenRecord = null;
        foreach (var each in group.Members)
        {
            var subject = $"member {RunLookup.Describe(each)} of group '{group.GroupId}'";
            if (each.Status != RunStatus.Completed)
            {
                throw new ReproException(ErrorCode.NotRegistrable,
                    $"{subject} {each.Status}, so the group cannot be registered: a version backed by a group needs every seed. Train the group again once the failure is fixed.");
            }

            var (folder, record) = Registrable(store, each.RunId, allowDirty, subject, inGroup: true, fetch);
            if (each.RunId == chosen.RunId)
            {
                (chosenFolder, chosenRecord) = (folder, record);
            }
        }

        var statistics = group.Points.FirstOrDefault(p => p.Runs.Contains(chosen.RunId))?.Statistics ?? GroupStatistics.Summarise(group.Members);
        return registry.Register(model, number => Version(model, number, chosenRecord!, chosenFolder!, projectDirectory, artifact) with
        {
            Group = group.GroupId,
            GroupMetrics = statistics,
        });
    }

    /// <summary>A run's folder and record, proven completed, intact and (unless allowed) clean; else NotRegistrable.</summary>
    /// <param name="inGroup">A member missing from the run store makes its group unregistrable; a run id that names nothing is the lookup's error.</param>
    private static (string Folder, RunRecord Record) Registrable(RunStore store, string? runId, bool allowDirty, string subject, bool inGroup,
        Remotes.ArtifactFetch? fetch)
    {
        RunRecord record;
        string folder;
        try
        {
            folder = RunLookup.Find(store, runId);
            fetch?.Invoke(store, Path.GetFileName(folder));
            record = RecordIntegrity.Read(folder);
        }
        catch (ReproException e) when (e.Code is ErrorCode.DamagedRecord or ErrorCode.FailedRunNotReproducible || (inGroup && e.Code is ErrorCode.UnknownRun))
        {
            throw new ReproException(ErrorCode.NotRegistrable, $"{subject} cannot be registered: {e.Message}", e);
        }

        if (record.Git.Dirty != false && !allowDirty)
        {
            throw new ReproException(ErrorCode.NotRegistrable,
                $"{subject} was made from a working tree with uncommitted changes (or an unknown git state), so no commit holds its code. " +
                "Train again from a clean tree, or pass -p:AllowDirty=true to register it anyway.");
        }

        return (folder, record);
    }

    /// <summary>The version, with the model file it serves when the run has one to name (requested, or its only model.*).</summary>
    private static ModelVersion Version(string model, int number, RunRecord record, string folder, string projectDirectory, string? artifact) =>
        new(model, number, record.RunId, record.Experiment, Path.GetRelativePath(projectDirectory, folder).Replace('\\', '/'),
            record.Metrics, record.Git.Commit, record.Git.Dirty, DateTimeOffset.UtcNow)
        {
            Artifact = Serving.ModelArtifact.Find(record, artifact),
            RegisteredBy = Registrar.Of(projectDirectory),
        };
}
