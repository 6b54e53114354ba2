using System.Globalization;
using Repro.Experiments;

namespace Repro.Training;

/// <summary>
/// The command lines that make a run again, written from the repository root when there is one, so they work from
/// any clone.
/// </summary>
public static class ReproduceCommand
{
    /// <summary>The Train command for the same configuration, with every value spelled out.</summary>
    public static string For(RunPlan plan, string projectFile)
    {
        var project = ProjectPath(projectFile);
        var parts = new List<string>
        {
            "dotnet build", Quote(project), "-t:Train",
            "-p:Experiment=" + plan.Experiment,
            "-p:Seed=" + plan.Seed.ToString(CultureInfo.InvariantCulture),
        };
        if (plan.TestSize is { } testSize)
        {
            parts.Add("-p:TestSize=" + testSize.ToString("R", CultureInfo.InvariantCulture));
        }

        if (plan.Params.Count > 0)
        {
            parts.Add("-p:Params=\"" + ParamsOverride.Format(plan.Params) + "\"");
        }

        return string.Join(" ", parts);
    }

    /// <summary>The Train command for a group again: its seeds and its grid spelled out, quoted for a POSIX shell.</summary>
    /// <param name="overrides">The build's overrides (a member's): -p:TestSize and -p:Params are spelled out again.</param>
    public static string ForGroup(Groups.GroupPlan group, IReadOnlyList<Override> overrides, string projectFile)
    {
        var parts = new List<string>
        {
            "dotnet build", Quote(ProjectPath(projectFile)), "-t:Train", "-p:Experiment=" + group.Experiment,
            "-p:Seeds=\"" + string.Join(" ", group.Seeds.Select(s => s.ToString(CultureInfo.InvariantCulture))) + "\"",
        };
        if (overrides.FirstOrDefault(o => o.Name == "TestSize") is { } testSize)
        {
            parts.Add("-p:TestSize=" + testSize.Value);
        }

        var parameters = overrides.Where(o => !Experiments.ExperimentSpec.WellKnownMetadata.Contains(o.Name))
            .ToDictionary(o => o.Name, o => o.Value, StringComparer.Ordinal);
        if (parameters.Count > 0)
        {
            parts.Add("-p:Params=\"" + ParamsOverride.Format(parameters) + "\"");
        }

        if (group.Sweep.Count > 0)
        {
            // MSBuild splits -p: values at ',' and ';' unless the value is quoted for MSBuild itself.
            parts.Add("'-p:Sweep=\"" + string.Join(";", group.Sweep.Select(a => a.Name + "=" + string.Join(",", a.Values))) + "\"'");
        }

        return string.Join(" ", parts);
    }

    /// <summary>The Reproduce command for a run named by <paramref name="selector"/> (-p:RunId=… or -p:Model=… -p:Version=…).</summary>
    public static string ForReproduce(string projectFile, string selector) =>
        $"dotnet build {Quote(ProjectPath(projectFile))} -t:Reproduce {selector}";

    private static string ProjectPath(string projectFile) => RepositoryRoot(projectFile) is { } root
        ? Path.GetRelativePath(root, projectFile).Replace('\\', '/')
        : Path.GetFileName(projectFile);

    /// <summary>The nearest folder above the project that holds .git (a folder, or a file in a worktree).</summary>
    private static string? RepositoryRoot(string projectFile)
    {
        for (var directory = Path.GetDirectoryName(Path.GetFullPath(projectFile)); directory is not null; directory = Path.GetDirectoryName(directory))
        {
            if (Directory.Exists(Path.Combine(directory, ".git")) || File.Exists(Path.Combine(directory, ".git")))
            {
                return directory;
            }
        }

        return null;
    }

    private static string Quote(string path) => path.Contains(' ') ? "\"" + path + "\"" : path;
}
