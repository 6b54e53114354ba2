using Repro.Diagnostics;
using Repro.Fingerprints;
using Repro.Registry;
using Repro.Remotes;
using Repro.Serving;
using Repro.Verbs;

namespace Repro.Models;

/// <summary>
/// A registered model an application uses: which version of which model it is, the run behind it, and its file, proven
/// by its SHA-256 before it is handed out. Load it by the reference the project names in a &lt;ModelReference&gt;.
/// </summary>
public sealed class RegisteredModel
{
    private RegisteredModel(ResolvedModel model, string path)
    {
        Resolved = model;
        Path = path;
    }

    /// <summary>The reference it was loaded by: iris-classifier@production.</summary>
    public string Reference => Resolved.Reference;

    public string Name => Resolved.Name;

    public int Version => Resolved.Version;

    /// <summary>The alias the reference went through, or null for a version number or a hash.</summary>
    public string? Alias => Resolved.Alias;

    public string RunId => Resolved.RunId;

    /// <summary>The model file's SHA-256, as its run recorded it.</summary>
    public string Sha256 => Resolved.Sha256;

    /// <summary>The model file, proven: in the application's output, or in the shared cache for a model resolved at run time.</summary>
    public string Path { get; }

    /// <summary>The metrics the version was registered with.</summary>
    public IReadOnlyDictionary<string, double> Metrics => Resolved.Metrics;

    public DateTimeOffset RegisteredAt => Resolved.RegisteredAt;

    internal ResolvedModel Resolved { get; }

    public Stream OpenRead() => File.OpenRead(Path);

    /// <summary>"iris-classifier@production (v3, run 20261124-…, sha256 3f9a1c…)".</summary>
    public override string ToString() => Resolved.ToString();

    /// <summary>
    /// The model the build placed in the application's output for this reference (models.lock.json names it), its
    /// SHA-256 proven again: the application needs no registry and no network.
    /// </summary>
    /// <exception cref="ReproException">REPRO0095 when the build placed no such model; REPRO0094 when its file is not the one on record.</exception>
    public static RegisteredModel Load(string reference) => Load(reference, AppContext.BaseDirectory);

    /// <summary>As <see cref="Load(string)"/>, from the output folder <paramref name="outputDirectory"/>.</summary>
    public static RegisteredModel Load(string reference, string outputDirectory)
    {
        var lockPath = System.IO.Path.Combine(outputDirectory, ModelLock.FileName);
        var locked = ModelLock.Read(lockPath) ?? throw new ReproException(ErrorCode.ModelNotInOutput,
            $"there is no {ModelLock.FileName} in '{outputDirectory}', so no model was placed there: add <ModelReference Include=\"{reference}\" Registry=\"…\" /> " +
            "to the project (with the Repro.Models package) and build it.");
        var entry = locked.Find(reference) ?? throw new ReproException(ErrorCode.ModelNotInOutput,
            $"the build placed no model for '{reference}' in '{outputDirectory}'; it placed {(locked.Models.Count == 0 ? "none" : string.Join(", ", locked.Models.Select(m => m.Reference)))}. " +
            "Reference it with <ModelReference Include=\"…\" /> and build again.");
        var path = System.IO.Path.Combine(outputDirectory, entry.File);
        var actual = File.Exists(path) ? InputFile.Read(path, FileHash.Sha256) : null;
        return actual == entry.Sha256 ? new RegisteredModel(entry.Resolved(), path) : throw new ReproException(ErrorCode.ModelFileChanged,
            $"the model file of {entry.Reference} (v{entry.Version}, run {entry.RunId}) at '{path}' " +
            (actual is null ? "is missing" : $"is not the one on record (sha256 {entry.Sha256[..12]}… expected, {actual[..12]}… found)") +
            ": it is refused, and nothing is served from it. Build or publish the application again.");
    }

    /// <summary>Resolves the reference at run time (a tool, a notebook): in the experiment project's registry, the file made local and proven in the shared cache.</summary>
    public static RegisteredModel Load(string reference, ModelSourceOptions options)
    {
        var parsed = ModelReference.TryParse(reference) ?? throw new ReproException(ErrorCode.BadModelReference,
            $"'{reference}' names no version: write NAME@VERSION, NAME@ALIAS or NAME@sha256:HASH, such as iris-classifier@production.");
        var project = ProjectSettings.Of(options.Registry);
        project = options.Remote is { Length: > 0 } remote ? project with { Remote = remote } : project;
        var resolved = ModelResolver.Resolve(project, parsed, options.Artifact, options.AllowDirty);
        // An application's own logging says what it wants; a load says nothing.
        var cache = new ModelCache(options.CacheDirectory ?? ModelCache.DefaultDirectory, SilentRunLog.Instance);
        return new RegisteredModel(resolved, cache.Ensure(resolved, project, p => RemoteStores.Open(p.Remote, p.ProjectDirectory)));
    }
}
