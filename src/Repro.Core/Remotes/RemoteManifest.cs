using System.Text.Json;
using Repro.Diagnostics;
using Repro.Fingerprints;
using Repro.Records;

namespace Repro.Remotes;

/// <summary>
/// What the remote knows of one run or group: every file of its folder by path, SHA-256 and size. Written once,
/// after all the content it names is on the remote, so a manifest never points at bytes that are not there.
/// </summary>
public sealed record RemoteManifest(int SchemaVersion, string Kind, string Id, string? Experiment, string? Group, IReadOnlyList<FileFingerprint> Files)
{
    public const string RunKind = "run";
    public const string GroupKind = "group";

    public byte[] ToBytes() => RecordJson.Bytes(this, RemoteJson.Context.RemoteManifest);

    /// <summary>A manifest read strictly; a damaged or foreign one is REPRO0082, as any content that is not what it claims.</summary>
    public static RemoteManifest Parse(byte[] bytes, string key, string location)
    {
        try
        {
            var manifest = StrictJson.Deserialize(bytes, RemoteJson.Context.RemoteManifest);
            var wellFormed = manifest.SchemaVersion == 1 && manifest.Kind is RunKind or GroupKind && Runs.RunId.IsValid(manifest.Id)
                && manifest.Files.All(f => RemoteKeys.IsSha256(f.Sha256) && SafePath(f.Path) && f.Bytes >= 0);
            return wellFormed ? manifest : throw new JsonException("it is not a manifest Repro writes");
        }
        catch (JsonException e)
        {
            throw new ReproException(ErrorCode.RemoteContentMismatch,
                $"'{key}' on the remote '{location}' cannot be read ({e.Message}): it was altered or damaged. Push the run again from a machine that has it, or remove that blob.");
        }
    }

    /// <summary>A path inside a run folder: relative, '/'-separated, never climbing out.</summary>
    public static bool SafePath(string path) =>
        path.Length > 0 && !path.StartsWith('/') && !path.Contains('\\') && !path.Contains(':')
        && path.Split('/').All(part => part is not ("" or "." or ".."));
}
