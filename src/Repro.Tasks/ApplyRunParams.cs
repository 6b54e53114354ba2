using Repro.Experiments;
using Repro.Records;
using Repro.Runs;

namespace Repro.Tasks;

/// <summary>-t:ApplyParams: writes a run's seed, test size, data and parameters into its &lt;Experiment&gt; item.</summary>
public sealed class ApplyRunParams : SubjectTask
{
    private protected override void ExecuteCore()
    {
        var runId = SelectedRunId();
        var folder = Store.Folder(runId);
        var record = RecordIntegrity.Read(folder, needArtifacts: false);
        var config = RecordJson.ReadConfig(Path.Combine(folder, RunFiles.Config));
        Report(ProjectFileEditor.Describe(runId, record.Experiment, ProjectFileEditor.Apply(Settings.ProjectFile, record, config.Data)));
    }
}
