using Repro.Registry;
using Repro.Verbs;

namespace Repro.Tasks;

/// <summary>-t:Promote: points an alias at a version (-p:Model=NAME@VERSION -p:Alias=production); the alias keeps its history.</summary>
public sealed class PromoteModel : ReproTask
{
    /// <summary>-p:Model: NAME@VERSION, the version to promote.</summary>
    public string? Model { get; set; }

    /// <summary>-p:Version with -p:Model, the form of earlier releases (warning REPRO1008).</summary>
    public string? ModelVersion { get; set; }

    /// <summary>-p:Alias</summary>
    public string? Alias { get; set; }

    private protected override void ExecuteCore()
    {
        var version = RunSelection.Model(Model, ModelVersion, RunLog) ?? throw new Diagnostics.ReproException(Diagnostics.ErrorCode.BadModelName,
            "name the version to promote: -p:Model=iris-classifier@3 -p:Alias=production.");
        Report(Registration.Promoted(Registration.Promote(Registry, version, Alias)));
    }
}
