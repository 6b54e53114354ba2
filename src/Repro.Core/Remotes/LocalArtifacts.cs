using Repro.Fingerprints;
using Repro.Records;

namespace Repro.Remotes;

/// <summary>
/// Which of a run's artifacts are not in its folder: a run whose record is in git and whose models are in a remote is
/// a valid record, only not a local one. An artifact that is there but changed is a damaged record, not this.
/// </summary>
public static class LocalArtifacts
{
    public static IReadOnlyList<FileFingerprint> Missing(string runFolder, RunRecord record) =>
        [.. record.Artifacts.Where(a => !File.Exists(Path.Combine(runFolder, a.Path)))];

    /// <summary>Where a run's artifacts are, in a phrase: "local", or how many are not and where to get them.</summary>
    public static string Where(string runFolder, RunRecord record, string? remote)
    {
        var missing = Missing(runFolder, record);
        if (missing.Count == 0)
        {
            return "local";
        }

        var size = Remotes.Bytes.Shown(missing.Sum(a => a.Bytes));
        return remote is null
            ? $"{missing.Count} of {record.Artifacts.Count} not local ({size}): set ReproRemote and run -t:Pull"
            : $"{missing.Count} of {record.Artifacts.Count} not local ({size}): on the remote {remote}, -t:Pull brings them";
    }
}
