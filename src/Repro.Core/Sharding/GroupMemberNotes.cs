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

    /// <summary>
    /// Notes in an up-to-date run's folder that it is a member of a sharded group: it was trained in another group or
    /// none, so its run.json cannot say so. Nothing is written when it says so already.
    /// </summary>
    public static void Note(RunRecord member, string folder, string groupId, ShardedGroupPlan plan)
    {
        var path = Path.Combine(folder, GroupMemberNote.FileName(groupId));
        if (member.Group == groupId || File.Exists(path))
        {
            return;
        }

        try
        {
            Write(path, new GroupMemberNote(groupId, member.RunId, plan));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ReproException(ErrorCode.RunStoreUnwritable,
                $"run {member.RunId} is a member of group {groupId}, but '{path}' cannot be written ({e.Message}): make the run store writable.", e);
        }
    }

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
