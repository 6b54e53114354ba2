using Repro.Runs;
using Repro.Registry;
using System.Globalization;
using System.Text;
using Repro.Diagnostics;
using Repro.Records;
using Repro.Reproduction;

namespace Repro.Views;

/// <summary>Everything about one run a person asks for: what, how, with which inputs, where, and how to reproduce it.</summary>
public static class RunDescription
{
    /// <summary>The run as its record says; a record that cannot be read is described as that, never a failure.</summary>
    public static string Render(string runFolder, IReadOnlyList<ModelVersion> versions, IReadOnlyList<ModelAlias> aliases, string reproduceCommand)
    {
        var stored = StoredRecord.In(runFolder);
        if (stored.Record is not { } record)
        {
            return $"Run {stored.RunId}: NOT intact: {stored.Problem!.Message}";
        }

        var text = new StringBuilder();
        text.Append($"Run {record.RunId}: {record.Experiment}, {record.Status}").Append('\n');
        foreach (var version in versions)
        {
            text.Append("  registered as ").Append(VersionLabel.Of(version, aliases))
                .Append(version.Group is { } group ? $", backed by group {group}" : "").Append('\n');
        }

        foreach (var alias in aliases.Where(a => versions.Any(v => v.Model == a.Model)))
        {
            text.Append("  alias         ").Append(alias.Model).Append('@').Append(AliasText.Line(alias)).Append('\n');
        }

        if (record.Group is { } memberOf)
        {
            text.Append("  group         ").Append(memberOf).Append("   (-t:Describe -p:RunId=").Append(memberOf).Append(" shows the group)").Append('\n');
        }

        text.Append("  integrity     ").Append(Integrity(runFolder)).Append('\n');
        text.Append("  seed          ").Append(record.Seed.ToString(CultureInfo.InvariantCulture)).Append('\n');
        text.Append("  test size     ").Append(record.TestSize?.ToString("R", CultureInfo.InvariantCulture) ?? "none").Append('\n');
        foreach (var (name, value) in record.Params)
        {
            text.Append("  param         ").Append(name).Append(" = ").Append(value).Append('\n');
        }

        foreach (var (name, value) in record.Metrics)
        {
            text.Append("  metric        ").Append(name).Append(" = ").Append(value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }

        foreach (var line in ModelShapeText.Lines(record))
        {
            text.Append(line).Append('\n');
        }

        var git = record.Git;
        text.Append("  commit        ").Append(git.Commit is null ? "unknown (" + git.UnknownReason + ")" : $"{git.Commit} on {git.Branch ?? "a detached HEAD"}, {(git.Dirty == false ? "clean" : "DIRTY")}").Append('\n');
        text.Append("  lock file     ").Append(record.LockFile is null ? "none" : $"{record.LockFile.Path} sha256 {record.LockFile.Sha256}").Append('\n');
        foreach (var data in record.Data)
        {
            text.Append("  data          ").Append($"{data.Path} sha256 {data.Sha256} ({data.Bytes} bytes)").Append('\n');
        }

        foreach (var artifact in record.Artifacts)
        {
            var local = File.Exists(Path.Combine(runFolder, artifact.Path));
            text.Append("  artifact      ").Append($"{artifact.Path} sha256 {artifact.Sha256} ({artifact.Bytes} bytes)")
                .Append(local ? "" : ", not local: -t:Pull brings it from the remote").Append('\n');
        }

        var environment = record.Environment;
        text.Append("  ran           ").Append(record.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture))
            .Append($" for {(record.DurationMs / 1000.0).ToString("0.0", CultureInfo.InvariantCulture)} s on {environment.MachineName} ")
            .Append($"({environment.Os}, {environment.Architecture}, {EnvironmentText.Processors(environment)}, .NET SDK {environment.SdkVersion}, runtime {environment.RuntimeVersion})").Append('\n');
        if (environment.ProcessorCountPinnedBy is { } pinned)
        {
            text.Append("  processors    ").Append(environment.ProcessorCount.ToString(CultureInfo.InvariantCulture)).Append(", pinned by ").Append(pinned).Append('\n');
        }

        if (environment.CpuModel is { } cpu)
        {
            text.Append("  cpu           ").Append(cpu).Append('\n');
        }

        if (EnvironmentText.Settings(environment) is { } settings)
        {
            text.Append("  settings      ").Append(settings).Append('\n');
        }

        text.Append("  reproduce     ").Append(reproduceCommand).Append('\n');
        text.Append("  at its commit ").Append(reproduceCommand).Append(" -p:ReproduceAt=commit").Append('\n');
        text.Append("  train again   ").Append(record.Command);
        return text.ToString();
    }

    private static string Integrity(string runFolder)
    {
        try
        {
            var record = RecordIntegrity.ReadAnyStatus(runFolder, needArtifacts: false);
            var notLocal = Remotes.LocalArtifacts.Missing(runFolder, record).Count;
            return (record.Status == RunStatus.Completed ? "intact: config, metrics and artifacts match their recorded hashes" : "intact (a failed run)") +
                (notLocal == 0 ? "" : $"; {notLocal} of {record.Artifacts.Count} artifacts are not local, so only those here are proven");
        }
        catch (ReproException e)
        {
            return "NOT intact: " + e.Message;
        }
    }
}
