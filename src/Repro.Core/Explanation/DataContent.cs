using Repro.Fingerprints;
using Repro.Runs;
using Repro.SourceControl;

namespace Repro.Explanation;

/// <summary>
/// Finds a data file's recorded content, by its SHA-256, for a run that must read it: the file where the project
/// has it, else a copy the store keeps for Explain (made from the project's file or from a recorded commit).
/// </summary>
/// <param name="projectDirectory">The project whose file is looked at first (today's, or a worktree's).</param>
/// <param name="commits">The commits to look in when no file has the content: the two runs' commits.</param>
public sealed class DataContent(RunStore store, string projectDirectory, string? repositoryRoot, IReadOnlyList<string> commits)
{
    // Each file is hashed once per Explain, however many re-runs ask for it (a large file costs a read per hash).
    private readonly Dictionary<string, string?> _hashes = new(StringComparer.Ordinal);

    /// <summary>
    /// The path to give the run for the data file <paramref name="path"/> (relative to <paramref name="runDirectory"/>)
    /// holding <paramref name="sha256"/>: the path itself when that file holds it, else the store's copy; null when
    /// the content is nowhere to be had.
    /// </summary>
    public string? Find(string runDirectory, string path, string sha256)
    {
        if (Holds(Path.Combine(runDirectory, path), sha256))
        {
            return path;
        }

        var copy = store.ExplainDataPath(sha256, Path.GetFileName(path));
        if (!Holds(copy, sha256) && !Copy(Path.Combine(projectDirectory, path), copy, sha256) && !FromCommits(path, copy, sha256))
        {
            return null;
        }

        return Path.GetRelativePath(runDirectory, copy).Replace('\\', '/');
    }

    private bool FromCommits(string path, string copy, string sha256)
    {
        if (repositoryRoot is null)
        {
            return false;
        }

        var inRepository = Path.GetRelativePath(repositoryRoot, Path.GetFullPath(Path.Combine(projectDirectory, path)));
        foreach (var commit in commits)
        {
            _hashes.Remove(Path.GetFullPath(copy));
            if (GitBlob.Save(repositoryRoot, commit, inRepository, copy) && Holds(copy, sha256))
            {
                return true;
            }
        }

        File.Delete(copy);
        _hashes.Remove(Path.GetFullPath(copy));
        return false;
    }

    private bool Copy(string from, string copy, string sha256)
    {
        if (!Holds(from, sha256))
        {
            return false;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        File.Copy(from, copy + ".part", overwrite: true);
        File.Move(copy + ".part", copy, overwrite: true);
        _hashes[Path.GetFullPath(copy)] = sha256;
        return true;
    }

    private bool Holds(string file, string sha256)
    {
        var full = Path.GetFullPath(file);
        if (!_hashes.TryGetValue(full, out var hash))
        {
            _hashes[full] = hash = File.Exists(full) ? FileHash.Sha256(full) : null;
        }

        return hash == sha256;
    }
}
