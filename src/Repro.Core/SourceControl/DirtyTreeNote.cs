namespace Repro.SourceControl;

/// <summary>
/// What Train's summary says about a dirty tree, where the dirty state is decided rather than when Register refuses
/// the run: the first changed paths, whether the runs kept the changes, and for a lock file the first restore just
/// created, to commit it.
/// </summary>
public static class DirtyTreeNote
{
    /// <summary>How many changed paths the note names; the rest are counted.</summary>
    internal const int NamedPaths = 5;

    /// <param name="projectDirectory">Paths are named relative to it, as the user types them.</param>
    /// <param name="lockFile">The lock file's full path, or null not to look for it.</param>
    /// <returns>Null for a tree that is not dirty.</returns>
    public static string? Render(GitStamp git, string projectDirectory, string? lockFile)
    {
        if (git is not { Dirty: true, RepositoryRoot: { } root })
        {
            return null;
        }

        string Relative(GitChange change) =>
            Path.GetRelativePath(projectDirectory, Path.Combine(root, change.Path)).Replace('\\', '/');

        var named = string.Join(", ", git.Changes.Take(NamedPaths).Select(c => $"{Relative(c)} ({c.Kind})"));
        var more = git.Changes.Count > NamedPaths ? $" and {git.Changes.Count - NamedPaths} more" : "";
        var kept = git.Patch?.Record switch
        {
            { Sha256: not null } => "each run keeps them in source.patch, so -p:ReproduceAt=commit can restore them",
            { Truncated: true } => "too large to keep in source.patch (REPRO1006), so the runs cannot be reproduced at their commit",
            _ => "not kept, so the runs cannot be reproduced at their commit",
        };
        var text = $"  DIRTY: made from uncommitted changes ({kept}): {named}{more}. Commit them to make runs -t:Register accepts.";

        var newLockFile = lockFile is null ? null : git.Changes.FirstOrDefault(c => c.Untracked &&
            string.Equals(Path.GetFullPath(Path.Combine(root, c.Path)), Path.GetFullPath(lockFile), StringComparison.Ordinal));
        if (newLockFile is not null)
        {
            var path = Relative(newLockFile);
            text += $"\n  {path} was created by restore and is not committed: commit it (git add {path}), or every run is stamped dirty.";
        }

        return text;
    }
}
