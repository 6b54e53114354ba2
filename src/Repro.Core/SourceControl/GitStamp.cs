namespace Repro.SourceControl;

/// <summary>
/// The code's version as a run records it. Commit and Dirty are null when unknown, and then
/// <see cref="UnknownReason"/> says why (no git, not a repository, a repository git refuses to read).
/// </summary>
public sealed record GitStamp(string? Commit, bool? Dirty, string? Branch, string? RepositoryRoot, string? UnknownReason)
{
    public static GitStamp Unknown(string reason) => new(null, null, null, null, reason);
}
