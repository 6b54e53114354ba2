using Repro.Registry;
using Repro.Verbs;

namespace Repro.Tasks;

/// <summary>A verb about one run or group: named by -p:RunId, or by a registered version, -p:Model=iris-classifier@production.</summary>
public abstract class SubjectTask : ReproTask
{
    /// <summary>-p:RunId: a run id or a group id.</summary>
    public string? RunId { get; set; }

    /// <summary>-p:Model: NAME@VERSION or NAME@ALIAS.</summary>
    public string? Model { get; set; }

    /// <summary>-p:Version with -p:Model, the form of earlier releases (warning REPRO1008).</summary>
    public string? ModelVersion { get; set; }

    private ModelReference? _model;

    /// <summary>-p:Model as a version, or null when not given.</summary>
    private protected ModelReference? Version => _model ??= RunSelection.Model(Model, ModelVersion, RunLog);

    /// <summary>The run named by -p:RunId, or by -p:Model.</summary>
    private protected string SelectedRunId() => RunSelection.RunId(Store, Registry, RunId, Version);
}
