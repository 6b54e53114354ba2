using System.ComponentModel;
using System.Globalization;
using Repro.Diagnostics;
using Repro.Records;

namespace Repro.SourceControl;

/// <summary>
/// The uncommitted changes of a dirty tree as one binary-safe patch against the recorded commit: changed and deleted
/// tracked files and untracked files that are not ignored, with the folders the dirty check leaves out (run store,
/// registry) left out here too. Made once per build, before any run writes, and copied into each run as
/// <c>source.patch</c>, so that Reproduce at the commit can apply it and build the code that ran.
/// </summary>
public sealed class SourcePatch
{
    /// <summary>$(ReproMaxPatchBytes) when the project sets none: 10 MB.</summary>
    public const long DefaultMaxBytes = 10 * 1024 * 1024;

    private readonly byte[]? _bytes;

    private SourcePatch(byte[]? bytes, SourcePatchRecord record)
    {
        _bytes = bytes;
        Record = record;
    }

    public SourcePatchRecord Record { get; }

    /// <summary>
    /// The stamp with the patch of its changes when the tree is dirty. A patch larger than <paramref name="maxBytes"/>
    /// is not kept (recorded as truncated), with warning REPRO1006, as when git cannot make it.
    /// </summary>
    public static GitStamp Attach(GitStamp stamp, IReadOnlyList<string>? excluded, long maxBytes, IRunLog log)
    {
        if (stamp is not { Dirty: true, Commit: { } commit, RepositoryRoot: { } root })
        {
            return stamp;
        }

        var scratch = Directory.CreateTempSubdirectory("repro-patch-");
        try
        {
            var file = Make(root, commit, excluded, scratch.FullName, out var failure);
            if (file is null)
            {
                log.Warning(ErrorCode.SourcePatchNotKept,
                    $"the tree has uncommitted changes, and git could not make them into source.patch ({failure}): " +
                    "runs record dirty: true without them and cannot be reproduced at their commit. Commit the changes.");
                return stamp;
            }

            var bytes = new FileInfo(file).Length;
            if (bytes > maxBytes)
            {
                log.Warning(ErrorCode.SourcePatchNotKept,
                    $"the uncommitted changes make a patch of {Size(bytes)}, more than $(ReproMaxPatchBytes) ({Size(maxBytes)}), so runs do not keep " +
                    "them as source.patch and cannot be reproduced at their commit. Commit the changes (or add large untracked files to .gitignore), " +
                    "or raise -p:ReproMaxPatchBytes.");
                return stamp with { Patch = new SourcePatch(null, new SourcePatchRecord(null, bytes, Truncated: true)) };
            }

            var content = File.ReadAllBytes(file);
            var sha256 = Fingerprints.FileHash.Sha256Bytes(content);
            return stamp with { Patch = new SourcePatch(content, new SourcePatchRecord(sha256, content.LongLength, Truncated: false)) };
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    /// <summary>Reads $(ReproMaxPatchBytes): empty for the default, else a whole number of bytes from 0.</summary>
    public static long ParseMaxBytes(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return DefaultMaxBytes;
        }

        if (!long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var bytes))
        {
            throw new ReproException(ErrorCode.BadMaxPatchBytes,
                $"$(ReproMaxPatchBytes) is '{text}', not a whole number of bytes: use for example -p:ReproMaxPatchBytes=10485760 (10 MB, the default), or 0 to keep no patch.");
        }

        return bytes;
    }

    /// <summary>A patch read back from a run folder, to be recorded again by the run that reproduces it.</summary>
    public static SourcePatch Load(string patchFile, SourcePatchRecord record) => new(File.ReadAllBytes(patchFile), record);

    /// <summary>Writes <c>source.patch</c> into a run folder; nothing when the changes were not kept.</summary>
    public void WriteTo(string runFolder)
    {
        if (_bytes is not null)
        {
            File.WriteAllBytes(Path.Combine(runFolder, RunFiles.SourcePatch), _bytes);
        }
    }

    /// <summary>
    /// Diffs the working tree against the commit through a copy of the index in which untracked files are added with
    /// --intent-to-add: the user's index and object store are left as they were. git writes the patch to the file
    /// itself, so its bytes never pass through a text decoder.
    /// </summary>
    private static string? Make(string root, string commit, IReadOnlyList<string>? excluded, string scratch, out string? failure)
    {
        var index = Path.Combine(scratch, "index");
        var environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["GIT_INDEX_FILE"] = index };
        var pathspecs = GitProbe.Pathspecs(root, excluded);
        var patch = Path.Combine(scratch, RunFiles.SourcePatch);
        try
        {
            var realIndex = GitProbe.GitWith(root, new Dictionary<string, string>(), "rev-parse", "--git-path", "index");
            var realIndexPath = Path.Combine(root, realIndex.StandardOutput.Trim());
            var steps = new List<string[]>();
            if (realIndex.ExitCode == 0 && File.Exists(realIndexPath))
            {
                File.Copy(realIndexPath, index);
            }
            else
            {
                steps.Add(["read-tree", commit]);
            }

            // git add refuses a pathspec that names an ignored folder (runs/ in .gitignore); it adds nothing from one anyway.
            steps.Add(["add", "--intent-to-add", "--all", .. GitProbe.Pathspecs(root, excluded?.Where(f => !Ignored(root, f)).ToArray())]);
            steps.Add(
            [
                "diff", "--binary", "--no-color", "--no-ext-diff", "--no-textconv", "--no-renames", "--ignore-submodules",
                "--src-prefix=a/", "--dst-prefix=b/", "--output=" + patch, commit, .. pathspecs,
            ]);
            foreach (var step in steps)
            {
                var result = GitProbe.GitWith(root, environment, step);
                if (result.ExitCode != 0 || result.TimedOut)
                {
                    failure = $"git {step[0]}: " + (result.TimedOut ? "no answer in time" : GitProbe.Explain(result.StandardError));
                    return null;
                }
            }

            if (!File.Exists(patch))
            {
                File.WriteAllBytes(patch, []);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Win32Exception)
        {
            failure = e.Message;
            return null;
        }

        failure = null;
        return patch;
    }

    private static bool Ignored(string root, string folder) =>
        GitProbe.GitWith(root, new Dictionary<string, string>(), "check-ignore", "--no-index", "-q", "--", Path.GetFullPath(folder)).ExitCode == 0;

    private static string Size(long bytes) => bytes.ToString("N0", CultureInfo.InvariantCulture) + " bytes";
}
