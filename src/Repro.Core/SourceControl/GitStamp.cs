using Repro.Records;

namespace Repro.SourceControl;

/// <summary>
/// The code's version as a run records it. Commit and Dirty are null when unknown, and then
/// <see cref="UnknownReason"/> says why (no git, not a repository, a repository git refuses to read).
/// </summary>
public sealed record GitStamp(string? Commit, bool? Dirty, string? Branch, string? RepositoryRoot, string? UnknownReason)
{
    /// <summary>What makes the tree dirty, in git's order (by path); empty for a clean or unknown tree.</summary>
    public IReadOnlyList<GitChange> Changes { get; init; } = [];

    /// <summary>The uncommitted changes, kept with every run of a dirty tree; null for a clean tree.</summary>
    public SourcePatch? Patch { get; init; }

    public static GitStamp Unknown(string reason) => new(null, null, null, null, reason);

    /// <summary>The stamp as a run records it; writes the run's <c>source.patch</c> when the changes were kept.</summary>
    public GitRecord RecordIn(string runFolder)
    {
        Patch?.WriteTo(runFolder);
        return new GitRecord(Commit, Dirty, Branch, UnknownReason) { Patch = Patch?.Record };
    }
}
