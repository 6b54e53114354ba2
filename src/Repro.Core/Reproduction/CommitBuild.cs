using Repro.Diagnostics;
using Repro.Records;
using Repro.SourceControl;
using Repro.Training;

namespace Repro.Reproduction;

/// <summary>
/// A recorded run's code, built again: its commit checked out into a temporary worktree, its recorded uncommitted
/// changes applied, the project built, and the settings that run its program there. Disposing removes the worktree.
/// </summary>
public sealed class CommitBuild : IDisposable
{
    private readonly CommitWorktree _worktree;

    private CommitBuild(CommitWorktree worktree, TrainSettings settings)
    {
        _worktree = worktree;
        Settings = settings;
    }

    /// <summary>Today's settings moved into the worktree: its project, program, lock file and git state.</summary>
    public TrainSettings Settings { get; }

    public static CommitBuild Open(TrainSettings settings, RunRecord recorded, string commit, string? patchFile, SourcePatch? patch, string configuration)
    {
        var repositoryRoot = settings.Git.RepositoryRoot ?? throw new ReproException(ErrorCode.CommitNotReproducible,
            $"building the code of a recorded commit needs the project's git repository, but {settings.Git.UnknownReason}.");
        var worktree = CommitWorktree.Create(repositoryRoot, commit, settings.Log);
        try
        {
            if (patchFile is not null)
            {
                worktree.Apply(patchFile);
            }

            var projectFile = Path.Combine(worktree.Path, Path.GetRelativePath(repositoryRoot, settings.ProjectFile));
            worktree.Build(settings.DotnetHost, projectFile, configuration);
            var projectDirectory = Path.GetDirectoryName(projectFile)!;
            return new CommitBuild(worktree, settings with
            {
                ProjectFile = projectFile,
                ProgramPath = Path.Combine(projectDirectory, recorded.Program.Path),
                LockFile = Path.Combine(projectDirectory, Path.GetRelativePath(settings.ProjectDirectory, settings.LockFile)),
                AssetsFile = settings.AssetsFile is { } assets ? Path.Combine(projectDirectory, Path.GetRelativePath(settings.ProjectDirectory, assets)) : null,
                // The worktree holds the recorded commit with the recorded changes applied: its runs record them too.
                Git = GitProbe.Read(projectDirectory, null, null) with { Patch = patch },
            });
        }
        catch
        {
            worktree.Dispose();
            throw;
        }
    }

    public void Dispose() => _worktree.Dispose();
}
