using Repro.Experiments;
using Repro.Runs;
using Repro.Records;
using Repro.Registry;
using Repro.Reproduction;

namespace Repro.Tasks;

/// <summary>-t:ApplyParams: writes a run's seed, test size, data and parameters into its &lt;Experiment&gt; item.</summary>
public sealed class ApplyRunParams : RegistryTask
{
    private protected override void ExecuteCore()
    {
        var runId = SelectedRunId();
        var folder = Path.Combine(Store.Directory, runId);
        var record = RecordIntegrity.Read(folder, needArtifacts: false);
        var config = RecordJson.ReadConfig(Path.Combine(folder, Repro.RunFiles.Config));
        var changes = ProjectFileEditor.Apply(ProjectFile, record, config.Data);
        if (changes.Count == 0)
        {
            RunLog.Progress($"{ProjectName} -> experiment '{record.Experiment}' already has the parameters of run {runId}");
            return;
        }

        RunLog.Progress($"{ProjectName} -> wrote run {runId}'s parameters into <Experiment Include=\"{record.Experiment}\">:\n" +
            string.Join("\n", changes.Select(c => $"    {c.Name}: {c.Before ?? "(none)"} → {c.After ?? "(removed)"}")));
    }
}
