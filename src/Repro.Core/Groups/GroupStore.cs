using System.Text.Json;
using Repro.Diagnostics;
using Repro.Records;
using Repro.Runs;

namespace Repro.Groups;

/// <summary>
/// Reads and writes groups in the run store (which says where they go): each group's folder holds <c>group.json</c>,
/// a <c>report.md</c> and its plots. A group folder is written under a temporary name and renamed when complete, as
/// a run's is; nothing is overwritten.
/// </summary>
public sealed class GroupStore(RunStore runs)
{
    public string Directory => runs.GroupsDirectory;

    /// <summary>Writes a new group; <paramref name="fill"/> adds its report and plots to the folder before it appears.</summary>
    public string Write(GroupRecord record, Func<GroupRecord, string, GroupRecord>? fill = null)
    {
        var final = runs.GroupFolder(record.GroupId);
        var partial = final + ".partial";
        try
        {
            System.IO.Directory.CreateDirectory(partial);
            record = fill?.Invoke(record, partial) ?? record;
            File.WriteAllBytes(Path.Combine(partial, RunStore.GroupRecordFile), RecordJson.Bytes(record, GroupJson.Context.GroupRecord));
            System.IO.Directory.Move(partial, final);
            return final;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ReproException(ErrorCode.RunStoreUnwritable,
                $"the group '{record.GroupId}' cannot be written to '{Directory}' ({e.Message}): make the run store writable.", e);
        }
    }

    /// <summary>The folder of a group id, or null when there is none.</summary>
    public string? Find(string? groupId) => runs.FindGroup(groupId);

    public bool Exists(string? groupId) => Find(groupId) is not null;

    /// <summary>Reads a group's record.</summary>
    public GroupRecord Read(string groupId)
    {
        var path = Path.Combine(Find(groupId) ?? throw new ReproException(ErrorCode.UnknownRun, $"there is no group '{groupId}' in '{Directory}'."), RunStore.GroupRecordFile);
        try
        {
            var record = StrictJson.Read(path, GroupJson.Context.GroupRecord);
            return record.GroupId == groupId ? record : throw new JsonException($"it names another group, '{StrictJson.Shown(record.GroupId)}'");
        }
        catch (JsonException e)
        {
            throw new ReproException(ErrorCode.DamagedRecord,
                $"the group record '{path}' cannot be read ({e.Message}): restore it from version control.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ReproException(ErrorCode.DamagedRecord,
                $"the group record '{path}' cannot be read ({e.Message}): restore it from version control.", e);
        }
    }

    /// <summary>Every group id, newest first.</summary>
    public IReadOnlyList<string> Ids() => [.. runs.GroupIds().Reverse()];
}
