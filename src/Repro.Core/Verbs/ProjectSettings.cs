using Repro.Registry;
using Repro.Runs;

namespace Repro.Verbs;

/// <summary>
/// A project as every verb sees it: its file and where its records are. The SDK hands it to each verb as one item
/// (<c>@(_ReproProject)</c>), so a verb that needs nothing more takes nothing more.
/// </summary>
/// <param name="ProjectFile">Full path.</param>
/// <param name="RunsDirectory">$(ReproRunsDir), relative to the project or absolute.</param>
/// <param name="RegistryDirectory">$(ReproRegistryDir), relative to the project or absolute.</param>
/// <param name="Remote">$(ReproRemote): a folder, file:// or azblob://container/prefix; null for none.</param>
/// <param name="RemoteParallel">$(ReproRemoteParallel): files moved at once.</param>
public sealed record ProjectSettings(string ProjectFile, string RunsDirectory = "runs", string RegistryDirectory = "registry", string? Remote = null, int RemoteParallel = 4)
{
    public string ProjectDirectory => Path.GetDirectoryName(ProjectFile)!;

    /// <summary>"Demo", as build output names a project.</summary>
    public string ProjectName => Path.GetFileNameWithoutExtension(ProjectFile);

    public RunStore Store => new(Path.Combine(ProjectDirectory, RunsDirectory));

    public ModelRegistry Registry => new(Path.Combine(ProjectDirectory, RegistryDirectory));
}
