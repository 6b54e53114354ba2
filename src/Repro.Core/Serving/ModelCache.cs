using Repro.Diagnostics;
using Repro.Fingerprints;
using Repro.Remotes;
using Repro.Verbs;

namespace Repro.Serving;

/// <summary>
/// The model files applications use, by content (<c>&lt;cache&gt;/&lt;sha256[0..2]&gt;/&lt;sha256&gt;</c>), shared by
/// every project on the machine. A file enters only once its SHA-256 is the one its run recorded, copied from the run
/// store or pulled from the experiment project's remote; one already here is known by its stat (the cache's own hash
/// cache), so a build whose models did not change reads no model bytes.
/// </summary>
/// <param name="hash">How a file in the cache is hashed when its stat is not known; SHA-256 unless a test counts the reads.</param>
public sealed class ModelCache(string directory, IRunLog log, Func<string, string>? hash = null)
{
    public string Directory { get; } = Path.GetFullPath(directory);

    /// <summary>$REPRO_MODEL_CACHE, else repro/models in the user's local application data.</summary>
    public static string DefaultDirectory => Environment.GetEnvironmentVariable("REPRO_MODEL_CACHE") is { Length: > 0 } set
        ? set
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "repro", "models");

    public string PathOf(string sha256) => Path.Combine(Directory, sha256[..2], sha256);

    /// <summary>The model's file in the cache, proven; brought from the run store or the remote when it is not here.</summary>
    /// <param name="openRemote">Opens the project's $(ReproRemote), or gives null when it names none.</param>
    public string Ensure(ResolvedModel model, ProjectSettings project, Func<ProjectSettings, IRemoteStore?> openRemote)
    {
        var path = PathOf(model.Sha256);
        var hashes = HashCache.Open(Path.Combine(Directory, "hashes.json"), log, hash);
        try
        {
            if (File.Exists(path))
            {
                if (hashes.Sha256(path) == model.Sha256)
                {
                    return path;
                }

                // A cache is no record: a copy that changed is replaced by a proven one.
                log.Progress($"the cached copy of {model} had changed: it is fetched again");
                File.Delete(path);
            }

            var local = Path.Combine(project.Store.Folder(model.RunId), model.Artifact);
            if (File.Exists(local))
            {
                Copy(local, model, path);
            }
            else
            {
                Pull(model, project, openRemote, path);
            }

            // Proven on the way in and known by its stat from here, so the next build reads none of it.
            hashes.Remember(path, model.Sha256);
            return path;
        }
        finally
        {
            hashes.Save();
        }
    }

    /// <summary>Copies a run's model file into the cache, hashing it on the way; a file that is not the recorded one is refused.</summary>
    private void Copy(string source, ResolvedModel model, string destination)
    {
        using var staging = new PullStaging(StagingRoot);
        var (staged, actual) = staging.Copy(source);
        if (actual != model.Sha256)
        {
            File.Delete(staged);
            throw new ReproException(ErrorCode.ModelFileChanged,
                $"the model file of {model} in the run store ('{source}') has changed since run {model.RunId} recorded it (sha256 {model.Sha256[..12]}… → {actual[..12]}…): " +
                "it was not used. Restore the run folder from version control, or pull it again from the remote.");
        }

        PullStaging.Place(staged, destination);
    }

    private void Pull(ResolvedModel model, ProjectSettings project, Func<ProjectSettings, IRemoteStore?> openRemote, string destination)
    {
        using var remote = openRemote(project) ?? throw new ReproException(ErrorCode.ArtifactsNotLocal,
            $"the model file of {model} ({model.Artifact}) is not in run {model.RunId}'s folder, and the project '{project.ProjectName}' names no remote to pull it from: " +
            "set <ReproRemote> in the experiment project, or a Remote on the ModelReference (ModelSourceOptions.Remote at run time).");
        using var staging = new PullStaging(StagingRoot);
        var staged = staging.FetchAsync(remote, RemoteKeys.Content(model.Sha256), model.Sha256, model.Bytes, $"{model.Reference} ({model.Artifact})", log, CancellationToken.None)
            .GetAwaiter().GetResult();
        PullStaging.Place(staged, destination);
        log.Progress($"pulled {model} from {remote.Location}");
    }

    /// <summary>Where files wait until they are proven: on the cache's own disk, so the last move is a rename; a killed build's is removed by the next.</summary>
    private string StagingRoot => Path.Combine(Directory, ".staging");
}
