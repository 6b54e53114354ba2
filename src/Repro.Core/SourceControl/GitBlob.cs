using System.ComponentModel;
using System.Diagnostics;

namespace Repro.SourceControl;

/// <summary>A file as a commit holds it, written out byte for byte (git show commit:path), without touching the tree or the index.</summary>
public static class GitBlob
{
    /// <summary>Writes <paramref name="path"/> (relative to the repository root) at <paramref name="commit"/> to <paramref name="destination"/>; false when the commit does not hold it.</summary>
    public static bool Save(string repositoryRoot, string commit, string path, string destination)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = repositoryRoot, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "show", $"{commit}:{path.Replace('\\', '/')}" })
        {
            start.ArgumentList.Add(argument);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        var temporary = destination + ".part";
        try
        {
            using var git = Process.Start(start)!;
            var errors = git.StandardError.ReadToEndAsync();
            using (var file = File.Create(temporary))
            {
                git.StandardOutput.BaseStream.CopyTo(file);
            }

            git.WaitForExit();
            _ = errors.Result;
            if (git.ExitCode != 0)
            {
                return false;
            }

            File.Move(temporary, destination, overwrite: true);
            return true;
        }
        catch (Win32Exception)
        {
            return false; // no git: the content is not to be had this way
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
