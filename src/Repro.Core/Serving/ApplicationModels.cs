using Repro.Diagnostics;
using Repro.Remotes;
using Repro.Verbs;

namespace Repro.Serving;

/// <summary>A model file an application's build copies to its output (and to publish's): where it is, where it goes.</summary>
/// <param name="OutputPath">Relative to the output folder: models/iris-classifier@3/model.zip.</param>
public sealed record PlacedModel(LockedModel Model, string Source, string OutputPath);

/// <summary>
/// An application's models at build: the lock brought to its references (<see cref="ModelLockUpdate"/>), written
/// beside the project unless locked, and every locked file made local in the shared cache and proven. What the build
/// copies is only ever a proven file.
/// </summary>
public static class ApplicationModels
{
    public static IReadOnlyList<PlacedModel> Resolve(string lockPath, IReadOnlyList<ModelRequest> requests, LockMode mode, ModelCache cache,
        Func<ProjectSettings, IRemoteStore?> openRemote, IRunLog log)
    {
        var outcome = ModelLockUpdate.Apply(requests, ModelLock.Read(lockPath), mode);
        if (mode != LockMode.Locked && (outcome.Lock.Models.Count > 0 || File.Exists(lockPath)) && outcome.Lock.Write(lockPath))
        {
            log.Progress($"{Path.GetFileName(lockPath)}: " + (outcome.Changes.Count == 0 ? "written" : string.Join("; ", outcome.Changes)));
        }
        else if (mode == LockMode.Update)
        {
            log.Progress($"{Path.GetFileName(lockPath)}: every model is where its reference points; nothing moved.");
        }

        var byReference = requests.ToDictionary(r => r.Reference.ToString(), StringComparer.Ordinal);
        return outcome.Lock.Models.Select(model =>
        {
            return new PlacedModel(model, cache.Ensure(model.Resolved(), byReference[model.Reference].Project, openRemote), model.File);
        }).ToArray();
    }
}
