using System.Globalization;
using System.Text;
using Repro.Records;
using Repro.Runs;

namespace Repro.Sharding;

/// <summary>What the survey found in one run folder: its member notes (file names) and whether run.json names a group plan.</summary>
internal sealed record SurveyFinding(string[] Notes, bool Trained);

/// <summary>
/// What the survey of sharded groups found in each run folder, remembered in the run store (<see cref="RunStore.SurveyCachePath"/>)
/// so a listing of 10,000 runs stats each folder instead of listing it and reading its run.json. An answer stands while
/// the folder's last-write time (a note added or removed, run.json renamed into place) and run.json's size and time are
/// what they were. A cache that cannot be read or written costs a full survey, never a wrong one. One line per run,
/// tab-separated: a cold process parses it in a few milliseconds, where the same as JSON took over 100.
/// </summary>
internal sealed class SurveyCache
{
    private const string Header = "repro shard survey 1";

    // A folder written within the file system's time grain of the survey could change again without its time changing
    // (git's "racily clean" files): what it holds is used now but not remembered.
    private static readonly TimeSpan Settled = TimeSpan.FromSeconds(2);

    private readonly string _path;
    private readonly Dictionary<string, (SurveyStamp Stamp, SurveyFinding Finding)> _entries;
    private int _misses;

    private SurveyCache(string path, Dictionary<string, (SurveyStamp, SurveyFinding)> entries)
    {
        _path = path;
        _entries = entries;
    }

    public static SurveyCache Open(RunStore store) => new(store.SurveyCachePath, Load(store.SurveyCachePath));

    /// <summary>The folder's stamp: its own last-write time and run.json's size and time, from two stats.</summary>
    public static SurveyStamp Stamp(string folder)
    {
        var run = new FileInfo(Path.Combine(folder, RunFiles.Run));
        return new SurveyStamp(Directory.GetLastWriteTimeUtc(folder).Ticks, run.Exists ? run.Length : -1, run.Exists ? run.LastWriteTimeUtc.Ticks : 0);
    }

    /// <summary>The remembered finding of a run folder whose stamp is unchanged, or null. Safe from many threads: nothing is added meanwhile.</summary>
    public SurveyFinding? Find(string runId, SurveyStamp stamp)
    {
        if (_entries.TryGetValue(runId, out var entry) && entry.Stamp == stamp)
        {
            return entry.Finding;
        }

        Interlocked.Increment(ref _misses);
        return null;
    }

    /// <summary>
    /// Writes this survey's findings, in run id order, to a temporary file renamed over the cache, when a folder was new
    /// or changed or is gone. A store that cannot be written is only surveyed in full again next time.
    /// </summary>
    public void Save(IReadOnlyList<string> runIds, SurveyStamp[] stamps, SurveyFinding[] findings)
    {
        if (_misses == 0 && runIds.Count == _entries.Count)
        {
            return;
        }

        var settled = DateTime.UtcNow.Ticks - Settled.Ticks;
        var text = new StringBuilder(Header).Append('\n');
        for (var i = 0; i < runIds.Count; i++)
        {
            var (stamp, finding) = (stamps[i], findings[i]);
            if (stamp.FolderTicks <= settled && stamp.RunTicks <= settled)
            {
                text.Append(CultureInfo.InvariantCulture, $"{runIds[i]}\t{stamp.FolderTicks}\t{stamp.RunBytes}\t{stamp.RunTicks}\t{(finding.Trained ? 1 : 0)}");
                foreach (var note in finding.Notes)
                {
                    text.Append('\t').Append(note);
                }

                text.Append('\n');
            }
        }

        var temporary = $"{_path}.{Guid.NewGuid():N}.tmp";
        try
        {
            var folder = Path.GetDirectoryName(_path)!;
            Directory.CreateDirectory(folder);
            // The cache is the store's own, never a record: git leaves it out, as it does pytest's cache folder.
            var ignore = Path.Combine(folder, ".gitignore");
            if (!File.Exists(ignore))
            {
                File.WriteAllText(ignore, "# Repro's cache of what the run store holds: rebuilt when missing, never committed.\n*\n");
            }

            File.WriteAllText(temporary, text.ToString());
            File.Move(temporary, _path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try
            {
                File.Delete(temporary);
            }
            catch (Exception again) when (again is IOException or UnauthorizedAccessException)
            {
                // Left behind; it is never read as the cache.
            }
        }
    }

    /// <summary>The cache's entries; none when it is missing, of another version, or has one line that is not as written.</summary>
    private static Dictionary<string, (SurveyStamp, SurveyFinding)> Load(string path)
    {
        var entries = new Dictionary<string, (SurveyStamp, SurveyFinding)>(StringComparer.Ordinal);
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return entries;
        }

        if (lines.Length == 0 || lines[0] != Header)
        {
            return entries;
        }

        foreach (var line in lines.Skip(1))
        {
            if (Parse(line) is not var (runId, stamp, finding) || !entries.TryAdd(runId, (stamp, finding)))
            {
                return new Dictionary<string, (SurveyStamp, SurveyFinding)>(StringComparer.Ordinal);
            }
        }

        return entries;
    }

    private static (string, SurveyStamp, SurveyFinding)? Parse(string line)
    {
        var fields = line.Split('\t');
        if (fields.Length < 5 || !RunId.IsValid(fields[0]) || fields[4] is not ("0" or "1")
            || !long.TryParse(fields[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var folderTicks)
            || !long.TryParse(fields[2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var runBytes)
            || !long.TryParse(fields[3], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var runTicks))
        {
            return null;
        }

        // A note is a member note's file name in the run's folder, nothing else.
        var notes = fields[5..];
        if (notes.Any(n => !n.StartsWith(GroupMemberNote.Prefix, StringComparison.Ordinal) || !n.EndsWith(".json", StringComparison.Ordinal) || n != Path.GetFileName(n)))
        {
            return null;
        }

        return (fields[0], new SurveyStamp(folderTicks, runBytes, runTicks), new SurveyFinding(notes, fields[4] == "1"));
    }
}

/// <summary>A run folder's stamp, as <see cref="SurveyCache.Stamp"/> reads it.</summary>
/// <param name="RunBytes">run.json's size, or -1 when there is none.</param>
internal readonly record struct SurveyStamp(long FolderTicks, long RunBytes, long RunTicks);
