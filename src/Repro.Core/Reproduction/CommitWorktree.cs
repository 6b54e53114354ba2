using System.ComponentModel;
using Repro.Diagnostics;
using Repro.Processes;

namespace Repro.Reproduction;

/// <summary>
/// A temporary, detached git worktree at a recorded commit, where the project is built as it was. Disposing removes
/// the worktree, also when the build failed.
/// </summary>
public sealed class CommitWorktree : IDisposable
{
    private static readonly TimeSpan GitTimeout = TimeSpan.FromMinutes(2);
    private readonly string _repositoryRoot;
    private readonly IRunLog _log;

    private CommitWorktree(string repositoryRoot, string path, IRunLog log)
    {
        _repositoryRoot = repositoryRoot;
        Path = path;
        _log = log;
    }

    public string Path { get; }

    public static CommitWorktree Create(string repositoryRoot, string commit, IRunLog log)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "repro-worktrees", commit[..12] + "-" + Guid.NewGuid().ToString("N")[..8]);
        var result = Git(repositoryRoot, "worktree", "add", "--detach", path, commit);
        if (result.ExitCode != 0)
        {
            throw new ReproException(ErrorCode.BuildAtCommitFailed,
                $"git could not check out commit {commit} into a worktree: {result.StandardError.Trim()}. Fetch the commit (git fetch) and try again.");
        }

        log.Progress($"Checked out {commit[..12]} into a temporary worktree.");
        return new CommitWorktree(repositoryRoot, path, log);
    }

    /// <summary>Applies a run's <c>source.patch</c>: the uncommitted changes the run was made with.</summary>
    public void Apply(string patchFile)
    {
        if (new FileInfo(patchFile).Length == 0)
        {
            return; // dirty only in what git diff does not show (a submodule): nothing to apply
        }

        var result = Git(Path, "apply", "--binary", "--whitespace=nowarn", System.IO.Path.GetFullPath(patchFile));
        if (result.ExitCode != 0)
        {
            throw new ReproException(ErrorCode.SourcePatchDoesNotApply,
                $"the run's recorded uncommitted changes ({patchFile}) do not apply to its commit: {Explain(result)}. " +
                "The patch was made against that commit, so the commit or the patch was changed since; reproduce with today's code (leave out -p:ReproduceAt).");
        }

        _log.Progress("Applied the run's uncommitted changes (source.patch).");
    }

    /// <summary>Builds a project of the worktree with the SDK's dotnet, in a process of its own.</summary>
    public void Build(string dotnetHost, string projectFile, string configuration)
    {
        _log.Progress($"Building {System.IO.Path.GetRelativePath(Path, projectFile).Replace('\\', '/')} as it was at the recorded commit…");
        ProcessResult result;
        try
        {
            result = ChildProcess.Run(dotnetHost, ["build", projectFile, "-c", configuration, "-nodeReuse:false", "-v:q", "-nologo"],
                Path, onLine: line => _log.Detail("  build> " + line), removeEnvironment: IsParentBuildVariable);
        }
        catch (Win32Exception e)
        {
            throw new ReproException(ErrorCode.BuildAtCommitFailed, $"'{dotnetHost}' could not be started: {e.Message}.", e);
        }

        if (result.ExitCode != 0)
        {
            var tail = (result.StandardOutput + result.StandardError).Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(10);
            throw new ReproException(ErrorCode.BuildAtCommitFailed,
                "the project did not build at the recorded commit. Its last output:" + Environment.NewLine + string.Join(Environment.NewLine, tail));
        }
    }

    public void Dispose()
    {
        if (Git(_repositoryRoot, "worktree", "remove", "--force", Path).ExitCode != 0)
        {
            // Whatever git could not remove, remove by hand and let git forget the worktree.
            if (Directory.Exists(Path))
            {
                Directory.Delete(Path, recursive: true);
            }

            Git(_repositoryRoot, "worktree", "prune");
        }
    }

    private static string Explain(ProcessResult result) =>
        result.StandardError.Trim() is { Length: > 0 } message ? message.Split('\n')[0].Trim() : "git apply exited with " + result.ExitCode;

    // The variables MSBuild gives its task host would point the inner build at this build's MSBuild.
    private static bool IsParentBuildVariable(string name) =>
        name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase);

    private static ProcessResult Git(string directory, params string[] arguments) =>
        ChildProcess.Run("git", arguments, directory, GitTimeout);
}
