using Repro.Registry;

namespace Repro.Tasks;

/// <summary>-t:Register: makes a completed, intact run the model's next version.</summary>
public sealed class RegisterRun : RegistryTask
{
    public bool AllowDirty { get; set; }

    private protected override void ExecuteCore()
    {
        var version = Registration.Register(Store, Registry, RunId, Model, AllowDirty, ProjectDirectory);
        RunLog.Progress($"{ProjectName} -> registered run {version.RunId} as {version.Model} version {version.Version}");
    }
}
