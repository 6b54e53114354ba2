using Repro.Registry;

namespace Repro.Tasks;

/// <summary>-t:Register: makes a completed, intact run, or a group of them, the model's next version.</summary>
public sealed class RegisterRun : ReproTask
{
    /// <summary>-p:RunId: a run id or a group id.</summary>
    public string? RunId { get; set; }

    /// <summary>-p:Model: the model's name.</summary>
    public string? Model { get; set; }

    public bool AllowDirty { get; set; }

    /// <summary>-p:Member, for a group: the member (run id or seed) whose model the version is.</summary>
    public string? Member { get; set; }

    /// <summary>-p:Artifact: the run's model file (artifacts/model.zip), when it has none or several named model.*.</summary>
    public string? Artifact { get; set; }

    private protected override void ExecuteCore()
    {
        using var remote = OpenRemote();
        var version = Registration.Register(Store, Registry, RunId?.Trim(), Model?.Trim(), AllowDirty, Settings.ProjectDirectory,
            string.IsNullOrWhiteSpace(Member) ? null : Member, Fetch(remote), string.IsNullOrWhiteSpace(Artifact) ? null : Artifact);
        Report(Registration.Registered(version));
    }
}
