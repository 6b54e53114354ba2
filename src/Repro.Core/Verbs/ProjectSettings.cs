using System.Text.Json;
using System.Text.Json.Serialization;
using Repro.Records;
using Repro.Registry;
using Repro.Runs;

namespace Repro.Verbs;

[JsonSerializable(typeof(ProjectSettings))]
internal sealed partial class ProjectSettingsJsonContext : JsonSerializerContext;

/// <summary>
/// A project as every verb sees it: its file and where its records are. The SDK hands it to each verb as one item
/// (<c>@(_ReproProject)</c>), so a verb that needs nothing more takes nothing more; and writes it at each build to
/// <c>obj/repro/settings.json</c>, where what reads a project without building it (an application's ModelReference,
/// a tool) finds it.
/// </summary>
/// <param name="ProjectFile">Full path.</param>
/// <param name="RunsDirectory">$(ReproRunsDir), relative to the project or absolute.</param>
/// <param name="RegistryDirectory">$(ReproRegistryDir), relative to the project or absolute.</param>
/// <param name="Remote">$(ReproRemote): a folder (relative to the project or absolute), file:// or azblob://container/prefix; null for none.</param>
/// <param name="RemoteParallel">$(ReproRemoteParallel): files moved at once.</param>
/// <param name="SdkVersion">$(ReproSdkVersion): the Repro.Sdk package the project builds with; null when built from source.</param>
public sealed record ProjectSettings(
    string ProjectFile, string RunsDirectory = "runs", string RegistryDirectory = "registry", string? Remote = null, int RemoteParallel = 4, string? SdkVersion = null)
{
    /// <summary>Where the settings are written, relative to the project folder.</summary>
    public static readonly string FileName = Path.Combine("obj", "repro", "settings.json");

    private static readonly ProjectSettingsJsonContext Json = new(RecordJson.Options());

    [JsonIgnore]
    public string ProjectDirectory => Path.GetDirectoryName(ProjectFile)!;

    /// <summary>"Demo", as build output names a project.</summary>
    [JsonIgnore]
    public string ProjectName => Path.GetFileNameWithoutExtension(ProjectFile);

    [JsonIgnore]
    public RunStore Store => new(Path.Combine(ProjectDirectory, RunsDirectory));

    [JsonIgnore]
    public ModelRegistry Registry => new(Path.Combine(ProjectDirectory, RegistryDirectory));

    /// <summary>
    /// The settings of the project in <paramref name="projectDirectory"/>, as its last build wrote them; the defaults
    /// (runs/, registry/, no remote) when it was never built. The project file is the folder's only *proj file.
    /// </summary>
    public static ProjectSettings Of(string projectDirectory)
    {
        var directory = Path.GetFullPath(projectDirectory);
        var path = Path.Combine(directory, FileName);
        if (File.Exists(path) && Read(path) is { } written)
        {
            // The folder may have moved since (a clone): the project is the one here.
            return written with { ProjectFile = Path.Combine(directory, Path.GetFileName(written.ProjectFile)) };
        }

        var project = Directory.Exists(directory) ? Directory.GetFiles(directory, "*.*proj").Order(StringComparer.Ordinal).FirstOrDefault() : null;
        return new ProjectSettings(project ?? Path.Combine(directory, Path.GetFileName(directory) + ".csproj"));
    }

    /// <summary>Writes the settings where <see cref="Of"/> finds them, only when they changed (a build that changes nothing touches nothing).</summary>
    public void Write()
    {
        var path = Path.Combine(ProjectDirectory, FileName);
        var bytes = RecordJson.Bytes(this, Json.ProjectSettings);
        if (File.Exists(path) && File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes))
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The written settings, or null when the file is not what a build writes (it is then ignored, as a stale cache is).</summary>
    private static ProjectSettings? Read(string path)
    {
        try
        {
            return StrictJson.Read(path, Json.ProjectSettings);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
