using Repro.Diagnostics;

namespace Repro.Training;

/// <summary>
/// The CI gate (ReproStrict, on when CI=true): a run made from code that is not exactly a commit proves nothing,
/// so an unknown or dirty tree stops the build before anything runs.
/// </summary>
public static class StrictMode
{
    public static void RequireKnownCleanTree(TrainSettings settings)
    {
        if (!settings.Strict)
        {
            return;
        }

        if (settings.Git.Commit is null || settings.Git.Dirty is null)
        {
            throw new ReproException(ErrorCode.StrictGitState,
                $"strict mode (CI) needs to know the commit, but {settings.Git.UnknownReason ?? "git gave none"}. " +
                "Run from a git clone, or pass -p:ReproStrict=false.");
        }

        if (settings.Git.Dirty == true)
        {
            throw new ReproException(ErrorCode.StrictGitState,
                "strict mode (CI) refuses a working tree with uncommitted or untracked changes (git status shows them): " +
                "commit or remove them, or pass -p:ReproStrict=false.");
        }
    }
}
