using Repro.Diagnostics;

namespace Repro.Runs;

/// <summary>
/// The folder that holds one folder per run. A run is written under a temporary name and renamed when its
/// record is complete, so a half-written run is never mistaken for a finished one, and nothing is overwritten. The
/// unfinished folder names the process writing it, so a folder whose build was killed is known as interrupted.
/// </summary>
public sealed class RunStore(string directory)
{
    private const string PartialSuffix = ".partial";

    public string Directory { get; } = Path.GetFullPath(directory);

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
                var partial = Path.Combine(Directory, id + PartialSuffix);
                if (System.IO.Directory.Exists(partial) || System.IO.Directory.Exists(Path.Combine(Directory, id)))
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
        var final = Path.Combine(Directory, run.Id);
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
    public string? Find(string runId) =>
        RunId.IsValid(runId) && System.IO.Directory.Exists(Path.Combine(Directory, runId)) ? Path.Combine(Directory, runId) : null;

    /// <summary>Every run folder still under its temporary name, oldest first, with whether its build is alive.</summary>
    public IReadOnlyList<PartialRun> Partials() => System.IO.Directory.Exists(Directory)
        ? System.IO.Directory.GetDirectories(Directory, "*" + PartialSuffix)
            .Select(folder => (Folder: folder, Id: Path.GetFileName(folder)[..^PartialSuffix.Length]))
            .Where(p => RunId.IsValid(p.Id))
            .OrderBy(p => p.Id, StringComparer.Ordinal)
            .Select(p => PartialRun.Inspect(p.Id, p.Folder))
            .ToArray()
        : [];

    private ReproException Unwritable(Exception e) => new(ErrorCode.RunStoreUnwritable,
        $"the run store '{Directory}' cannot be written ({e.Message}): make it writable or point -p:ReproRunsDir at another folder.", e);
}

/// <summary>A run being written: its id and its folder under the temporary name.</summary>
public sealed record RunFolder(string Id, string Path);
