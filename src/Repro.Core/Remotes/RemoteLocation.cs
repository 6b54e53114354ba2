using System.Text.RegularExpressions;
using Repro.Diagnostics;

namespace Repro.Remotes;

/// <summary>
/// What <c>$(ReproRemote)</c> names: a folder (a path, relative to the project, or <c>file://</c>), or an Azure Blob
/// container and prefix (<c>azblob://&lt;container&gt;/&lt;prefix&gt;</c>). It holds no credential: those come from
/// the environment, the Azure SDK's way, when the remote is opened.
/// </summary>
public sealed partial record RemoteLocation(RemoteKind Kind, string Folder, string Container, string Prefix)
{
    public const string AzureBlobScheme = "azblob://";

    /// <summary>How the remote is shown in messages and records.</summary>
    public override string ToString() => Kind == RemoteKind.Folder
        ? Folder
        : AzureBlobScheme + Container + (Prefix.Length == 0 ? "" : "/" + Prefix.TrimEnd('/'));

    /// <summary>Reads a remote's name; <paramref name="baseDirectory"/> anchors a relative folder.</summary>
    public static RemoteLocation Parse(string? text, string baseDirectory)
    {
        var value = text?.Trim() ?? "";
        if (value.Length == 0)
        {
            throw Bad(value, "it is empty");
        }

        if (value.StartsWith(AzureBlobScheme, StringComparison.OrdinalIgnoreCase))
        {
            var rest = value[AzureBlobScheme.Length..].Trim('/');
            var slash = rest.IndexOf('/');
            var container = slash < 0 ? rest : rest[..slash];
            var prefix = slash < 0 ? "" : rest[(slash + 1)..].Trim('/');
            if (!ContainerName().IsMatch(container) || container.Contains("--", StringComparison.Ordinal))
            {
                throw Bad(value, $"'{container}' is not a container name (3–63 lowercase letters, digits and single dashes)");
            }

            if (prefix.Split('/').Any(part => part is "." or ".." || (part.Length == 0 && prefix.Length > 0)))
            {
                throw Bad(value, $"the prefix '{prefix}' has an empty, '.' or '..' part");
            }

            return new RemoteLocation(RemoteKind.AzureBlob, "", container, prefix.Length == 0 ? "" : prefix + "/");
        }

        if (value.Contains("://", StringComparison.Ordinal))
        {
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || !uri.IsFile)
            {
                throw Bad(value, "only file:// and azblob:// remotes are known");
            }

            value = uri.LocalPath;
        }

        return new RemoteLocation(RemoteKind.Folder, Path.GetFullPath(Path.Combine(baseDirectory, value)), "", "");
    }

    private static ReproException Bad(string value, string why) => new(ErrorCode.BadRemote,
        $"the remote '{value}' cannot be used: {why}. Name a folder (a path or file://…) or azblob://<container>/<prefix>.");

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex ContainerName();
}

public enum RemoteKind
{
    Folder,
    AzureBlob,
}
