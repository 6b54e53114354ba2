using Microsoft.Build.Framework;
using Repro.Diagnostics;
using Repro.Registry;
using Repro.Remotes;
using Repro.Serving;
using Repro.Verbs;

namespace Repro.Tasks;

/// <summary>
/// An application's &lt;ModelReference&gt; items: brings models.lock.json to them, makes every locked model file local in
/// the shared cache, proven, and hands the build the files to copy to the output.
/// </summary>
public sealed class ResolveModels : CodedTask
{
    /// <summary>The application's project file.</summary>
    [Required]
    public string Application { get; set; } = "";

    /// <summary>@(ModelReference): NAME@VERSION, with Registry (the experiment project's folder), and optionally Artifact, AllowDirty and Remote.</summary>
    public ITaskItem[] References { get; set; } = [];

    /// <summary>The experiment projects' settings, as their evaluation gives them (@(_ReproProject) of each); a registry folder without one is read from its settings file, or the defaults.</summary>
    public ITaskItem[] Registries { get; set; } = [];

    /// <summary>$(ReproModelsLockFile): models.lock.json beside the project by default.</summary>
    [Required]
    public string LockFile { get; set; } = "";

    /// <summary>$(ReproLockedMode): a lock that does not hold fails the build.</summary>
    public bool LockedMode { get; set; }

    /// <summary>-t:UpdateModels: resolve every reference again.</summary>
    public bool Update { get; set; }

    /// <summary>$(ReproModelCache): the shared cache; empty for the default.</summary>
    public string? CacheDirectory { get; set; }

    /// <summary>Each model file to copy: the cached file, with TargetPath (in the output), Reference, Version and Sha256.</summary>
    [Output]
    public ITaskItem[] Files { get; private set; } = [];

    private protected override string ProjectFile => Path.GetFullPath(Application);

    private protected override void ExecuteCore()
    {
        var directory = Path.GetDirectoryName(ProjectFile)!;
        var evaluated = Registries.Select(TaskItems.Project).ToArray();
        var requests = References.Select(item => Request(item, directory, evaluated)).ToArray();
        var mode = Update ? LockMode.Update : LockedMode ? LockMode.Locked : LockMode.Use;
        var cache = new ModelCache(string.IsNullOrWhiteSpace(CacheDirectory) ? ModelCache.DefaultDirectory : CacheDirectory, RunLog);
        var placed = ApplicationModels.Resolve(Path.GetFullPath(Path.Combine(directory, LockFile)), requests, mode, cache,
            project => RemoteStores.Open(project.Remote, project.ProjectDirectory), RunLog);
        Files = placed.Select(p => (ITaskItem)new Microsoft.Build.Utilities.TaskItem(p.Source, new Dictionary<string, string>
        {
            ["TargetPath"] = p.OutputPath,
            ["Reference"] = p.Model.Reference,
            ["Version"] = p.Model.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Sha256"] = p.Model.Sha256,
        })).ToArray();
    }

    private static ModelRequest Request(ITaskItem item, string directory, IReadOnlyList<ProjectSettings> evaluated)
    {
        var reference = ModelReference.TryParse(item.ItemSpec) ?? throw new ReproException(ErrorCode.BadModelReference,
            $"<ModelReference Include=\"{item.ItemSpec}\"> names no version: write NAME@VERSION, NAME@ALIAS or NAME@sha256:HASH, such as iris-classifier@production.");
        var registry = item.GetMetadata("Registry");
        if (string.IsNullOrWhiteSpace(registry) || !Directory.Exists(Path.Combine(directory, registry)))
        {
            throw new ReproException(ErrorCode.BadModelReference, string.IsNullOrWhiteSpace(registry)
                ? $"<ModelReference Include=\"{reference}\"> has no Registry: name the experiment project's folder, Registry=\"../experiments/IrisExperiment\"."
                : $"<ModelReference Include=\"{reference}\"> has Registry=\"{registry}\", which is not a folder: name the experiment project's folder, relative to this project.");
        }

        var folder = Path.GetFullPath(Path.Combine(directory, registry));
        var project = evaluated.FirstOrDefault(p => string.Equals(Path.TrimEndingDirectorySeparator(p.ProjectDirectory), Path.TrimEndingDirectorySeparator(folder), StringComparison.Ordinal))
            ?? ProjectSettings.Of(folder);
        // A Remote of the reference's own overrides the experiment project's; a folder is relative to this project.
        var remote = item.GetMetadata("Remote");
        if (!string.IsNullOrWhiteSpace(remote))
        {
            project = project with { Remote = remote.Contains("://", StringComparison.Ordinal) ? remote : Path.GetFullPath(Path.Combine(directory, remote)) };
        }

        return new ModelRequest(reference, project,
            item.GetMetadata("Artifact") is { Length: > 0 } artifact ? artifact : null,
            string.Equals(item.GetMetadata("AllowDirty"), "true", StringComparison.OrdinalIgnoreCase));
    }
}
