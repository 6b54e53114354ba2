namespace Repro.Tasks;

/// <summary>Writes obj/repro/settings.json: where the project's runs, registry and remote are, for what reads the project without building it.</summary>
public sealed class WriteProjectSettings : ReproTask
{
    private protected override void ExecuteCore() => Settings.Write();
}
