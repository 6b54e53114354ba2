using Repro.Verbs;
using Repro.Registry;
using Repro.Runs;

namespace Repro.Tasks;

/// <summary>The inputs of the verbs that name a run by id or by registered model version.</summary>
public abstract class RegistryTask : RunTask
{
    /// <summary>-p:RunId</summary>
    public string? RunId { get; set; }

    /// <summary>-p:Model</summary>
    public string? Model { get; set; }

    /// <summary>-p:Version when -p:Model is given: a version number or an alias.</summary>
    public string? ModelVersion { get; set; }

    private protected RunStore Store => new(Path.Combine(ProjectDirectory, RunsDirectory));

    private protected ModelRegistry Registry => new(Path.Combine(ProjectDirectory, RegistryDirectory));

    /// <summary>The run named by -p:RunId, or by -p:Model and -p:Version.</summary>
    private protected string SelectedRunId() => RunSelection.RunId(Store, Registry, RunId, Model, ModelVersion);

    private protected string ProjectName => Path.GetFileNameWithoutExtension(ProjectFile);
}
