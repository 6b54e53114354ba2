using Repro.Diagnostics;

namespace Repro.Remotes;

/// <summary>
/// Opens the remote a project names, of any kind Repro knows: a folder, or Azure Blob Storage (this assembly's). Every
/// process that opens remotes (the build's tasks, an application resolving a model) opens them here. Credentials come
/// from the environment, never from a property or a record.
/// </summary>
public static class RemoteStores
{
    public static IRemoteStore? Open(string? value, string projectDirectory)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var location = RemoteLocation.Parse(value, projectDirectory);
        return location.Kind switch
        {
            RemoteKind.Folder => new FolderRemote(location.Folder),
            RemoteKind.AzureBlob => AzureBlobRemote.Open(location, Environment.GetEnvironmentVariable),
            _ => throw new ReproException(ErrorCode.BadRemote, $"the remote '{location}' is of no kind Repro knows."),
        };
    }

    /// <summary>The remote, for a verb that cannot work without one (Push, Pull).</summary>
    public static IRemoteStore Required(string? value, string projectDirectory, string verb) =>
        Open(value, projectDirectory) ?? throw new ReproException(ErrorCode.BadRemote,
            $"-t:{verb} needs a remote: set <ReproRemote> in the project (a folder, file://… or azblob://<container>/<prefix>) or pass -p:ReproRemote=….");
}
