using Repro.Registry;

namespace Repro.Tasks;

/// <summary>-t:Register: makes a completed, intact run, or a group of them, the model's next version.</summary>
public sealed class RegisterRun : RegistryTask
{
    public bool AllowDirty { get; set; }

    /// <summary>-p:Member, for a group: the member (run id or seed) whose model the version is.</summary>
    public string? Member { get; set; }

    private protected override void ExecuteCore()
    {
        using var remote = OpenRemote();
        var version = Registration.Register(Store, Registry, RunId, Model, AllowDirty, ProjectDirectory, string.IsNullOrWhiteSpace(Member) ? null : Member,
            Fetch(remote));
        RunLog.Progress(version.Group is { } group
            ? $"{ProjectName} -> registered group {group} as {version.Model} version {version.Version}, the model of member {version.RunId}"
            : $"{ProjectName} -> registered run {version.RunId} as {version.Model} version {version.Version}");
    }
}
