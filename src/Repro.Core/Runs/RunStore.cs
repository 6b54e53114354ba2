using Repro.Diagnostics;

namespace Repro.Runs;

/// <summary>
/// The folder that holds one folder per run. A run is written under a temporary name and renamed when its
/// record is complete, so a half-written run is never mistaken for a finished one, and nothing is overwritten.
/// </summary>
public sealed class RunStore(string directory)
{
    private const string PartialSuffix = ".partial";

    public string Directory { get; } = Path.GetFullPath(directory);

    /// <summary>Creates the folder of a new run under its temporary name.</summary>
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

    private ReproException Unwritable(Exception e) => new(ErrorCode.RunStoreUnwritable,
        $"the run store '{Directory}' cannot be written ({e.Message}): make it writable or point -p:ReproRunsDir at another folder.", e);
}

/// <summary>A run being written: its id and its folder under the temporary name.</summary>
public sealed record RunFolder(string Id, string Path);
