using Repro.Diagnostics;
using Repro.Records;
using Repro.Reproduction;
using Repro.Runs;

namespace Repro.Registry;

/// <summary>Registers completed, intact runs as model versions and moves aliases.</summary>
public static class Registration
{
    public static ModelVersion Register(RunStore store, ModelRegistry registry, string? runId, string? model, bool allowDirty, string projectDirectory)
    {
        ModelName.Check(model);
        var folder = RunLookup.Find(store, runId);
        RunRecord record;
        try
        {
            record = RecordIntegrity.Read(folder);
        }
        catch (ReproException e) when (e.Code is ErrorCode.DamagedRecord or ErrorCode.FailedRunNotReproducible)
        {
            throw new ReproException(ErrorCode.NotRegistrable, $"run '{runId}' cannot be registered: {e.Message}", e);
        }

        if (record.Git.Dirty != false && !allowDirty)
        {
            throw new ReproException(ErrorCode.NotRegistrable,
                $"run '{runId}' was made from a working tree with uncommitted changes (or an unknown git state), so no commit holds its code. " +
                "Train again from a clean tree, or pass -p:AllowDirty=true to register it anyway.");
        }

        var runPath = Path.GetRelativePath(projectDirectory, folder).Replace('\\', '/');
        return registry.Register(model!, number => new ModelVersion(
            model!, number, record.RunId, record.Experiment, runPath, record.Metrics, record.Git.Commit, record.Git.Dirty, DateTimeOffset.UtcNow));
    }

    public static ModelAlias Promote(ModelRegistry registry, string? model, string? version, string? alias)
    {
        ModelName.CheckAlias(alias);
        var resolved = registry.Resolve(ModelName.Check(model), version);
        return registry.Promote(model!, resolved.Version, alias!, DateTimeOffset.UtcNow);
    }
}
