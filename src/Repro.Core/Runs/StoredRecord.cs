using Repro.Diagnostics;
using Repro.Records;

namespace Repro.Runs;

/// <summary>
/// A finished run's record, read by the one rule every reader of the store shares: a run.json that is missing, cannot
/// be read, is not a record (read strictly) or names another run is no record, and <see cref="Problem"/> says why
/// (REPRO0022). A listing shows such a run as unreadable, the run cache and a Push pass over it, a verb about that
/// run reports the problem; none of them guesses.
/// </summary>
public sealed record StoredRecord(string RunId, string Folder, RunRecord? Record, ReproException? Problem)
{
    public static StoredRecord In(string folder)
    {
        var id = Path.GetFileName(folder);
        var path = Path.Combine(folder, RunFiles.Run);
        try
        {
            var record = RecordJson.ReadRecord(path);
            return record.RunId == id
                ? new StoredRecord(id, folder, record, null)
                : new StoredRecord(id, folder, null, Damaged(id, $"its {RunFiles.Run} names another run, '{StrictJson.Shown(record.RunId)}'"));
        }
        catch (ReproException e) when (e.Code == ErrorCode.DamagedRecord)
        {
            return new StoredRecord(id, folder, null, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var why = File.Exists(path) ? $"its {RunFiles.Run} cannot be read ({e.Message})" : $"it has no {RunFiles.Run}";
            return new StoredRecord(id, folder, null, Damaged(id, why));
        }
    }

    /// <summary>The record, or the problem as an error.</summary>
    public RunRecord Require() => Record ?? throw Problem!;

    internal static ReproException Damaged(string id, string why) => new(ErrorCode.DamagedRecord,
        $"the record of run '{id}' is not intact: {why}. A record that was edited or truncated proves nothing; restore it from version control or train a new run.");
}
