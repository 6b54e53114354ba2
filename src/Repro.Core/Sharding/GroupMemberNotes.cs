using System.Text.Json.Serialization;
using Repro.Diagnostics;
using Repro.Records;

namespace Repro.Sharding;

[JsonSerializable(typeof(GroupMemberNote))]
internal sealed partial class ShardJsonContext : JsonSerializerContext;

/// <summary>Reads and writes the notes that say an up-to-date run is a member of a sharded group.</summary>
internal static class GroupMemberNotes
{
    private static readonly ShardJsonContext Context = new(RecordJson.Options());

    public static void Write(string path, GroupMemberNote note) => RecordJson.Write(path, note, Context.GroupMemberNote);

    /// <exception cref="ReproException">REPRO0022 when the note is not one, read strictly.</exception>
    public static GroupMemberNote Read(string path) => RecordJson.Read(path, Context.GroupMemberNote);

    /// <summary>A member note, or null when the file cannot be read or is not one (read strictly).</summary>
    public static GroupMemberNote? ReadOrNull(string path)
    {
        try
        {
            return Read(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ReproException { Code: ErrorCode.DamagedRecord })
        {
            return null;
        }
    }
}
