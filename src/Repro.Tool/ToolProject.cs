using Repro.Diagnostics;
using Repro.Verbs;

namespace Repro.Tool;

/// <summary>
/// The project a command reads, found as <c>dotnet</c> finds one: <c>--project</c> (a project file or its folder), else
/// the current folder, which must hold exactly one project file. Where its records are comes from the
/// <c>obj/repro/settings.json</c> its last build wrote, or the SDK's defaults: no build, no evaluation.
/// </summary>
public static class ToolProject
{
    public static ProjectSettings Find(string? project, string currentDirectory)
    {
        var given = string.IsNullOrWhiteSpace(project) ? currentDirectory : Path.GetFullPath(Path.Combine(currentDirectory, project.Trim()));
        if (File.Exists(given))
        {
            return Settings(given);
        }

        if (!Directory.Exists(given))
        {
            throw new ReproException(ErrorCode.NoProject, $"--project {project} is neither a project file nor a folder.");
        }

        var files = Directory.GetFiles(given, "*.*proj").Where(f => !f.EndsWith(".user", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();
        return files.Length switch
        {
            1 => Settings(files[0]),
            0 => throw new ReproException(ErrorCode.NoProject,
                $"{given} holds no project file: run dotnet repro in an experiment project's folder, or name one with --project."),
            _ => throw new ReproException(ErrorCode.NoProject,
                $"{given} holds {files.Length} project files ({string.Join(", ", files.Select(Path.GetFileName))}): name one with --project."),
        };
    }

    private static ProjectSettings Settings(string projectFile)
    {
        var full = Path.GetFullPath(projectFile);
        return ProjectSettings.Of(Path.GetDirectoryName(full)!) with { ProjectFile = full };
    }
}
