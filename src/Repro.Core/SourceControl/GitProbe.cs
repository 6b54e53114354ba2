using System.ComponentModel;
using System.Text.RegularExpressions;
using Repro.Processes;

namespace Repro.SourceControl;

/// <summary>
/// Reads the commit, branch and dirty state with the git command line: no native library inside MSBuild.
/// The commit the .NET SDK already found (SourceRevisionId) is used when it has one.
/// </summary>
public static partial class GitProbe
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <param name="directory">The project folder.</param>
    /// <param name="excluded">Folders whose changes do not count: the run store, which every run writes to, and the registry,
    /// which Register writes to.</param>
    /// <param name="sourceRevisionId">$(SourceRevisionId) from the SDK's source-control support, or null.</param>
    public static GitStamp Read(string directory, IReadOnlyList<string>? excluded, string? sourceRevisionId)
    {
        ProcessResult root;
        try
        {
            root = Git(directory, "rev-parse", "--show-toplevel");
        }
        catch (Win32Exception)
        {
            return GitStamp.Unknown("git is not installed or not on PATH");
        }

        if (root.TimedOut)
        {
            return GitStamp.Unknown("git did not answer within " + Timeout.TotalSeconds + " s");
        }

        if (root.ExitCode != 0)
        {
            return GitStamp.Unknown(Explain(root.StandardError));
        }

        var repositoryRoot = Path.GetFullPath(root.StandardOutput.Trim());
        var commit = Sha().IsMatch(sourceRevisionId ?? "")
            ? sourceRevisionId!.ToLowerInvariant()
            : FirstLineOrNull(Git(repositoryRoot, "rev-parse", "--verify", "-q", "HEAD^{commit}"));
        var branch = FirstLineOrNull(Git(repositoryRoot, "symbolic-ref", "--short", "-q", "HEAD"));

        var status = Git(repositoryRoot,
        [
            "--no-optional-locks", "status", "--porcelain=v1", "-z", "--untracked-files=normal", .. Pathspecs(repositoryRoot, excluded),
        ]);
        if (status.ExitCode != 0 || status.TimedOut)
        {
            return new GitStamp(commit, null, branch, repositoryRoot, "git status failed: " + Explain(status.StandardError));
        }

        var changes = GitChange.Parse(status.StandardOutput);
        return new GitStamp(commit, changes.Count > 0, branch, repositoryRoot, null) { Changes = changes };
    }

    /// <summary>The commit's committer time, or null when git cannot tell (no commit, no repository, no git).</summary>
    public static DateTimeOffset? CommitTime(GitStamp git)
    {
        if (git.Commit is null || git.RepositoryRoot is null)
        {
            return null;
        }

        try
        {
            var seconds = FirstLineOrNull(Git(git.RepositoryRoot, "show", "-s", "--format=%ct", git.Commit));
            return long.TryParse(seconds, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)
                ? DateTimeOffset.FromUnixTimeSeconds(value)
                : null;
        }
        catch (Win32Exception)
        {
            return null;
        }
    }

    /// <summary>The whole repository but the excluded folders inside it, as the arguments after <c>--</c>.</summary>
    internal static string[] Pathspecs(string repositoryRoot, IReadOnlyList<string>? excluded)
    {
        var pathspecs = new List<string> { "--", "." };
        foreach (var folder in excluded ?? [])
        {
            var relative = Path.GetRelativePath(repositoryRoot, Path.GetFullPath(folder));
            if (relative != "." && !relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative))
            {
                pathspecs.Add(":(exclude)" + relative.Replace('\\', '/'));
            }
        }

        return [.. pathspecs];
    }

    private static ProcessResult Git(string directory, params string[] arguments) =>
        ChildProcess.Run("git", arguments, directory, Timeout);

    /// <summary>A git setting as git reads it in <paramref name="directory"/>, or null when unset or git is not there.</summary>
    public static string? Config(string directory, string name)
    {
        try
        {
            return FirstLineOrNull(Git(directory, "config", "--get", name));
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    internal static ProcessResult GitWith(string directory, IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        ChildProcess.Run("git", arguments, directory, Timeout, environment: environment);

    private static string? FirstLineOrNull(ProcessResult result) =>
        result.ExitCode == 0 && result.StandardOutput.Trim() is { Length: > 0 } text ? text.Split('\n')[0].Trim() : null;

    internal static string Explain(string standardError)
    {
        var message = standardError.Trim();
        if (message.Contains("dubious ownership", StringComparison.Ordinal))
        {
            return "git refuses to read this repository because another user owns it (\"dubious ownership\"): " +
                "run 'git config --global --add safe.directory <repository>' if you trust it";
        }

        if (message.Contains("not a git repository", StringComparison.OrdinalIgnoreCase))
        {
            return "the project is not inside a git repository";
        }

        return message.Length == 0 ? "git failed without saying why" : message.Split('\n')[0].Trim();
    }

    [GeneratedRegex("^[0-9a-fA-F]{40}$")]
    private static partial Regex Sha();
}
