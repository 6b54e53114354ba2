using System.Text.RegularExpressions;

namespace Repro.Remotes;

/// <summary>The names things have on a remote: content by its SHA-256, runs and groups by their id.</summary>
public static partial class RemoteKeys
{
    public const string RunsFolder = "runs/";
    public const string GroupsFolder = "groups/";

    /// <summary>Where content with this SHA-256 lives: two hex digits of fan-out keep any one folder small.</summary>
    public static string Content(string sha256) => IsSha256(sha256)
        ? $"{sha256[..2]}/{sha256}"
        : throw new ArgumentException($"'{sha256}' is not a lowercase SHA-256.", nameof(sha256));

    public static string Run(string runId) => $"{RunsFolder}{runId}.json";

    public static string Group(string groupId) => $"{GroupsFolder}{groupId}.json";

    public const string MembersFolder = "members/";

    /// <summary>A note that a run trained earlier is a member of a sharded group (it may be written after the run was pushed).</summary>
    public static string MemberNote(string groupId, string runId) => $"{MembersFolder}{groupId}/{runId}.json";

    /// <summary>The group and run of a member note's key, or null for any other key.</summary>
    public static (string GroupId, string RunId)? ParseMemberNote(string key)
    {
        var parts = key.Split('/');
        return parts.Length == 3 && parts[0] + "/" == MembersFolder && parts[2].EndsWith(".json", StringComparison.Ordinal)
            && Runs.RunId.IsValid(parts[1]) && Runs.RunId.IsValid(parts[2][..^5])
            ? (parts[1], parts[2][..^5])
            : null;
    }

    /// <summary>The SHA-256 of a content key, or null for any other key.</summary>
    public static string? ContentSha(string key) =>
        key.Length == 67 && key[2] == '/' && IsSha256(key[3..]) && key.AsSpan(0, 2).SequenceEqual(key.AsSpan(3, 2)) ? key[3..] : null;

    public static bool IsSha256(string? text) => text is not null && Sha().IsMatch(text);

    /// <summary>A key never climbs out of the remote's root.</summary>
    public static string Checked(string key) =>
        key.Length > 0 && !key.StartsWith('/') && !key.Split('/').Any(part => part is "" or "." or "..")
            ? key
            : throw new ArgumentException($"'{key}' is not a remote key.", nameof(key));

    [GeneratedRegex("^[0-9a-f]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Sha();
}
