using System.Globalization;
using Repro.Experiments;
using Repro.SourceControl;

namespace Repro.Training;

/// <summary>The command line that trains the same configuration again, with every value spelled out.</summary>
public static class ReproduceCommand
{
    public static string For(RunPlan plan, string projectFile, GitStamp git)
    {
        // From the repository root when there is one, so the command works from any clone.
        var project = git.RepositoryRoot is { } root
            ? Path.GetRelativePath(root, projectFile).Replace('\\', '/')
            : Path.GetFileName(projectFile);
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

    private static string Quote(string path) => path.Contains(' ') ? "\"" + path + "\"" : path;
}
