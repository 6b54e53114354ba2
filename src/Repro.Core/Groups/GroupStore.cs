using System.Text.Json;
using Repro.Diagnostics;
using Repro.Records;
using Repro.Runs;

namespace Repro.Groups;

/// <summary>
/// Where groups are recorded: <c>groups/&lt;GroupId&gt;/</c> under the run store, each with <c>group.json</c>, a
/// <c>report.md</c> and its plots. A group folder is written under a temporary name and renamed when complete, as a
/// run's is; nothing is overwritten.
/// </summary>
public sealed class GroupStore(RunStore runs)
{
    public const string FolderName = "groups";
    public const string RecordFile = "group.json";

    public string Directory { get; } = Path.Combine(runs.Directory, FolderName);

    /// <summary>Writes a new group; <paramref name="fill"/> adds its report and plots to the folder before it appears.</summary>
    public string Write(GroupRecord record, Func<GroupRecord, string, GroupRecord>? fill = null)
    {
        var final = Path.Combine(Directory, record.GroupId);
        var partial = final + ".partial";
        try
        {
            System.IO.Directory.CreateDirectory(partial);
            record = fill?.Invoke(record, partial) ?? record;
            var bytes = JsonSerializer.SerializeToUtf8Bytes(record, RecordJson.Context.GroupRecord);
            File.WriteAllBytes(Path.Combine(partial, RecordFile), [.. bytes, (byte)'\n']);
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
    public string? Find(string? groupId) =>
        RunId.IsValid(groupId) && File.Exists(Path.Combine(Directory, groupId!, RecordFile)) ? Path.Combine(Directory, groupId!) : null;

    public bool Exists(string? groupId) => Find(groupId) is not null;

    /// <summary>Reads a group's record.</summary>
    public GroupRecord Read(string groupId)
    {
        var path = Path.Combine(Find(groupId) ?? throw new ReproException(ErrorCode.UnknownRun, $"there is no group '{groupId}' in '{Directory}'."), RecordFile);
        try
        {
            var record = StrictJson.Read(path, RecordJson.Context.GroupRecord);
            return record.GroupId == groupId ? record : throw new JsonException($"it names another group, '{StrictJson.Shown(record.GroupId)}'");
        }
        catch (JsonException e)
        {
            throw new ReproException(ErrorCode.DamagedRecord,
                $"the group record '{path}' cannot be read ({e.Message}): restore it from version control.");
        }
    }

    /// <summary>Every group id, newest first.</summary>
    public IReadOnlyList<string> Ids() => System.IO.Directory.Exists(Directory)
        ? System.IO.Directory.GetDirectories(Directory).Select(Path.GetFileName).OfType<string>()
            .Where(id => RunId.IsValid(id) && File.Exists(Path.Combine(Directory, id, RecordFile)))
            .OrderDescending(StringComparer.Ordinal).ToArray()
        : [];
}
