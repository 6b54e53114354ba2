using System.Globalization;
using System.Text;

namespace Repro.Records;

/// <summary>Renders report.md: the run for a person, from its record alone.</summary>
public static class RunReport
{
    /// <param name="reproduceCommand">The -t:Reproduce command for this run.</param>
    public static string Render(RunRecord record, string reproduceCommand)
    {
        var text = new StringBuilder();
        text.Append("# ").Append(record.Experiment).Append(" — run ").Append(record.RunId).Append("\n\n");
        text.Append("Status: **").Append(record.Status).Append("**");
        if (record.Error is { } error)
        {
            text.Append(" (").Append(error.Code).Append(')');
        }

        text.Append(" · started ").Append(record.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture))
            .Append(" · ").Append((record.DurationMs / 1000.0).ToString("0.0##", CultureInfo.InvariantCulture)).Append(" s\n\n");
        if (record.Error is not null)
        {
            text.Append("```\n").Append(record.Error.Message).Append("\n```\n\n");
        }

        text.Append("## Configuration\n\n| name | value |\n| --- | --- |\n");
        Row(text, "Seed", record.Seed.ToString(CultureInfo.InvariantCulture));
        Row(text, "TestSize", record.TestSize?.ToString("R", CultureInfo.InvariantCulture) ?? "—");
        foreach (var (name, value) in record.Params)
        {
            Row(text, name, value);
        }

        foreach (var change in record.Overrides)
        {
            text.Append("\nOverridden on the command line: `").Append(change.Name).Append("` = `").Append(change.Value)
                .Append("` (the project says `").Append(change.ProjectValue ?? "nothing").Append("`).");
        }

        text.Append("\n\n## Metrics\n\n| metric | value |\n| --- | --- |\n");
        foreach (var (name, value) in record.Metrics)
        {
            Row(text, name, value.ToString("R", CultureInfo.InvariantCulture));
        }

        Plots(text, record);
        text.Append("\n## Inputs\n\n| input | stamp |\n| --- | --- |\n");
        var git = record.Git;
        Row(text, "commit", git.Commit is null
            ? "unknown: " + git.UnknownReason
            : $"{git.Commit} ({git.Branch ?? "detached"}, {(git.Dirty switch { true => "dirty", false => "clean", null => "dirty state unknown" })})");
        Row(text, "lock file", record.LockFile is null ? "none" : $"{record.LockFile.Path} sha256 {record.LockFile.Sha256}");
        foreach (var data in record.Data)
        {
            Row(text, "data " + data.Path, $"sha256 {data.Sha256}, {data.Bytes} bytes");
        }

        var programFiles = record.Program.Files is { } files ? $" over {files.Count} files" : "";
        Row(text, "program", $"{record.Program.Path} ({record.Program.TargetFramework}) sha256 {record.Program.Sha256}{programFiles}");
        var environment = record.Environment;
        Row(text, "toolchain", $".NET SDK {environment.SdkVersion ?? "unknown"}, runtime {environment.RuntimeFramework ?? "unknown"}");
        Row(text, "machine", $"{environment.MachineName}: {environment.Os}, {environment.Architecture}, {EnvironmentText.Processors(environment)}");
        if (environment.ProcessorCountPinnedBy is { } pinned)
        {
            Row(text, "processor count pinned by", pinned);
        }

        if (environment.CpuModel is { } cpu)
        {
            Row(text, "cpu", cpu);
        }

        if (EnvironmentText.Settings(environment) is { } settings)
        {
            Row(text, "runtime settings", settings);
        }

        if (EnvironmentText.Native(environment) is { } native)
        {
            Row(text, "native", native);
        }

        text.Append("\n## Artifacts\n\n");
        if (record.Artifacts.Count == 0)
        {
            text.Append("None.\n");
        }

        foreach (var artifact in record.Artifacts)
        {
            text.Append("- `").Append(artifact.Path).Append("` — ").Append(artifact.Bytes).Append(" bytes, sha256 `").Append(artifact.Sha256).Append("`\n");
        }

        text.Append("\n## Reproduce\n\nRe-run this run and compare its metrics (from the repository root):\n\n```sh\n").Append(reproduceCommand)
            .Append("\n```\n\nTrain the same configuration again, as a new run:\n\n```sh\n").Append(record.Command).Append("\n```\n");
        return text.ToString();
    }

    // The plots are among the artifacts, under plots/: linked relative to the report so they show where it is read.
    private static void Plots(StringBuilder text, RunRecord record)
    {
        var plots = record.Artifacts
            .Select(a => a.Path)
            .Where(p => p.StartsWith(RunFiles.PlotsFolder + "/", StringComparison.Ordinal) && p.EndsWith(".svg", StringComparison.Ordinal))
            .ToArray();
        if (plots.Length == 0)
        {
            return;
        }

        text.Append("\n## Plots\n\n")
            .AppendJoin("\n", plots.Select(plot => $"![{Path.GetFileNameWithoutExtension(plot)}]({plot})\n"));
    }

    private static void Row(StringBuilder text, string name, string value) =>
        text.Append("| ").Append(Escape(name)).Append(" | ").Append(Escape(value)).Append(" |\n");

    private static string Escape(string cell) => cell.Replace("|", "\\|").Replace("\n", " ");
}
