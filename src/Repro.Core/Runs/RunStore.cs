using Repro.Diagnostics;
using Repro.Records;

namespace Repro.Runs;

/// <summary>
/// The folder that holds one folder per run, and the one place that knows how it is laid out: where a run id's folder
/// is, where groups and unfinished runs are, and how a record is read. A run is written under a temporary name and
/// renamed when its record is complete, so a half-written run is never mistaken for a finished one, and nothing is
/// overwritten. The unfinished folder names the process writing it, so a folder whose build was killed is known as
/// interrupted.
/// </summary>
public sealed class RunStore(string directory)
{
    private const string PartialSuffix = ".partial";
    private const string GroupsFolder = "groups";
    private const string StagingFolder = ".pull";
    private const string PageFile = "index.html";
    private const string RowsFolder = ".rows";
    private const string ExplainDataFolder = ".explain";
    private const string CacheFolder = ".cache";

    /// <summary>The record file of a group folder.</summary>
    public const string GroupRecordFile = "group.json";

    public string Directory { get; } = Path.GetFullPath(directory);

    /// <summary>Where groups are recorded, one folder per group id.</summary>
    public string GroupsDirectory => Path.Combine(Directory, GroupsFolder);

    /// <summary>The runs page Train and -t:Report write unless -p:ReportFile says otherwise.</summary>
    public string PagePath => Path.Combine(Directory, PageFile);

    /// <summary>Where Pull assembles what it brings before it is proven, on the store's own disk so the last move is a rename.</summary>
    public string StagingDirectory => Path.Combine(Directory, StagingFolder);

    /// <summary>What the survey of sharded groups remembers of each run folder: the store's own cache, which git ignores.</summary>
    public string SurveyCachePath => Path.Combine(Directory, CacheFolder, "shard-survey.tsv");

    /// <summary>The folder a finished run of this id has (whether or not it exists).</summary>
    public string Folder(string runId) => Path.Combine(Directory, runId);

    /// <summary>The folder a group of this id has (whether or not it exists).</summary>
    public string GroupFolder(string groupId) => Path.Combine(GroupsDirectory, groupId);

    /// <summary>
    /// Creates the folder of a new run under its temporary name, claimed by this process. An id is never reused: not
    /// one on record, nor an interrupted run's, nor one another build claimed at the same instant (the claim is an
    /// exclusive create of the owner file, which only one process can win).
    /// </summary>
    public RunFolder Begin(DateTimeOffset startedAt)
    {
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            while (true)
            {
                var id = RunId.New(startedAt);
                var partial = Folder(id) + PartialSuffix;
                if (System.IO.Directory.Exists(partial) || System.IO.Directory.Exists(Folder(id)))
                {
                    continue;
                }

                System.IO.Directory.CreateDirectory(partial);
                try
                {
                    RunOwner.Current.Claim(partial);
                }
                catch (IOException) when (File.Exists(Path.Combine(partial, RunOwner.FileName)))
                {
                    continue;
                }

                return new RunFolder(id, partial);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unwritable(e);
        }
    }

    /// <summary>Gives a finished run (completed or failed) its final name.</summary>
    public string Complete(RunFolder run)
    {
        var final = Folder(run.Id);
        try
        {
            // A finished run has no owner. Killed between these two steps, the folder is an unowned partial: interrupted.
            File.Delete(Path.Combine(run.Path, RunOwner.FileName));
            // Directory.Move refuses an existing destination: a record is never overwritten.
            System.IO.Directory.Move(run.Path, final);
            return final;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unwritable(e);
        }
    }

    /// <summary>The final folder of a run id, or null when there is none.</summary>
    public string? Find(string? runId) => RunId.IsValid(runId) && System.IO.Directory.Exists(Folder(runId!)) ? Folder(runId!) : null;

    /// <summary>The folder of a recorded group, or null when there is none.</summary>
    public string? FindGroup(string? groupId) =>
        RunId.IsValid(groupId) && File.Exists(Path.Combine(GroupFolder(groupId!), GroupRecordFile)) ? GroupFolder(groupId!) : null;

    /// <summary>The ids of the finished run folders, oldest first (run ids sort by start time); a .partial folder is no run id.</summary>
    public IReadOnlyList<string> RunIds() => Ids(Directory, _ => true);

    /// <summary>The ids of the recorded groups (those with a group.json), oldest first.</summary>
    public IReadOnlyList<string> GroupIds() => Ids(GroupsDirectory, id => File.Exists(Path.Combine(GroupFolder(id), GroupRecordFile)));

    /// <summary>Every run folder still under its temporary name, oldest first, with whether its build is alive.</summary>
    public IReadOnlyList<PartialRun> Partials() => System.IO.Directory.Exists(Directory)
        ? System.IO.Directory.GetDirectories(Directory, "*" + PartialSuffix)
            .Select(folder => (Folder: folder, Id: Path.GetFileName(folder)[..^PartialSuffix.Length]))
            .Where(p => RunId.IsValid(p.Id))
            .OrderBy(p => p.Id, StringComparer.Ordinal)
            .Select(p => PartialRun.Inspect(p.Id, p.Folder))
            .ToArray()
        : [];

    /// <summary>
    /// Where the row fingerprints of the data whose SHA-256 is <paramref name="sha256"/> are kept: one file per content,
    /// shared by every run that read it, so Reproduce and Compare can name the rows that came and went.
    /// </summary>
    public string RowsPath(string sha256) => Path.Combine(Directory, RowsFolder, sha256 + ".rows");

    /// <summary>
    /// Where -t:Explain keeps a data file's recorded content that is no longer in the project (from git), to re-run with
    /// it: one folder per content, the file keeping its name.
    /// </summary>
    public string ExplainDataPath(string sha256, string fileName) => Path.Combine(Directory, ExplainDataFolder, sha256, fileName);

    /// <summary>The row fingerprints kept for the data whose SHA-256 is <paramref name="sha256"/>, or null when none are.</summary>
    public Profiles.RowFingerprints? Rows(string sha256) => Profiles.RowFingerprints.Read(RowsPath(sha256));

    /// <summary>A finished run's record as the store holds it: the record, or why there is none to read.</summary>
    public StoredRecord Read(string runId) => StoredRecord.In(Folder(runId));

    private static IReadOnlyList<string> Ids(string folder, Func<string, bool> holds) => System.IO.Directory.Exists(folder)
        ? System.IO.Directory.GetDirectories(folder).Select(Path.GetFileName).OfType<string>()
            .Where(id => RunId.IsValid(id) && holds(id)).Order(StringComparer.Ordinal).ToArray()
        : [];

    private ReproException Unwritable(Exception e) => new(ErrorCode.RunStoreUnwritable,
        $"the run store '{Directory}' cannot be written ({e.Message}): make it writable or point -p:ReproRunsDir at another folder.", e);
}

/// <summary>A run being written: its id and its folder under the temporary name.</summary>
public sealed record RunFolder(string Id, string Path);
