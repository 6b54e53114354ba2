using System.Globalization;
using Repro.Diagnostics;
using Repro.Records;
using Repro.Registry;
using Repro.Verbs;

namespace Repro.Serving;

/// <summary>
/// Resolves a reference the way an application needs it: alias or version → version → run → the model file. The run
/// must be on record, completed and (unless allowed) made from a clean tree; its record says which file and which hash.
/// </summary>
public static class ModelResolver
{
    /// <param name="project">The experiment project that holds the registry and the runs.</param>
    /// <param name="artifact">The model file to serve when the version does not name one (a ModelReference's Artifact).</param>
    /// <param name="allowDirty">Serve a run made from uncommitted changes (AllowDirty="true").</param>
    public static ResolvedModel Resolve(ProjectSettings project, ModelReference reference, string? artifact = null, bool allowDirty = false)
    {
        var version = project.Registry.Resolve(reference);
        var stored = project.Store.Read(version.RunId);
        if (stored.Record is not { } record)
        {
            throw new ReproException(ErrorCode.NotServable, File.Exists(Path.Combine(stored.Folder, RunFiles.Run)) || Directory.Exists(stored.Folder)
                ? $"{reference} is version {version.Version}, run {version.RunId}, whose record cannot be read ({stored.Problem!.Message}): restore the run folder from version control."
                : $"{reference} is version {version.Version}, run {version.RunId}, which is not in the run store '{project.Store.Directory}': " +
                  "commit the run's record with the registry (docs/team.md), or pull it (-t:Pull in the experiment project).");
        }

        if (record.Status != RunStatus.Completed)
        {
            throw new ReproException(ErrorCode.NotServable, $"{reference} is version {version.Version}, run {record.RunId}, which {record.Status}: it has no model to serve.");
        }

        if (record.Git.Dirty != false && !allowDirty)
        {
            throw new ReproException(ErrorCode.NotServable,
                $"{reference} is version {version.Version}, run {record.RunId}, made from uncommitted changes (or an unknown git state), so no commit holds its code: " +
                "serve a version trained from a clean tree, or set AllowDirty=\"true\" on the ModelReference knowingly.");
        }

        var file = string.IsNullOrWhiteSpace(artifact) ? version.Artifact ?? ModelArtifact.Choose(record, null) : ModelArtifact.Choose(record, artifact);
        // The version names the file by the hash the run recorded; the record is what proves the bytes.
        if (record.Artifacts.FirstOrDefault(a => a.Path == file.Path) is not { } recorded || recorded.Sha256 != file.Sha256)
        {
            throw new ReproException(ErrorCode.ModelFileChanged,
                $"{reference} is version {version.Version}, whose model file {file.Path} (sha256 {Shown.Digest(file.Sha256)}) is not what run {record.RunId} recorded: " +
                "the registry or the run record was edited. Restore both from version control.");
        }

        var alias = int.TryParse(reference.Version, NumberStyles.None, CultureInfo.InvariantCulture, out _)
            || reference.Version.StartsWith(ModelRegistry.HashPrefix, StringComparison.OrdinalIgnoreCase) ? null : reference.Version;
        return new ResolvedModel(reference.ToString(), version.Model, alias, version.Version, record.RunId, file.Path, file.Sha256, file.Bytes,
            version.Metrics, version.RegisteredAt);
    }
}
