using Repro.Registry;

namespace Repro.Tasks;

/// <summary>-t:Promote: points an alias at a version; the alias file keeps where it pointed before.</summary>
public sealed class PromoteModel : RegistryTask
{
    public string? Alias { get; set; }

    private protected override void ExecuteCore()
    {
        var alias = Registration.Promote(Registry, Model, ModelVersion, Alias);
        var before = alias.History.Count > 1 ? $" (was version {alias.History[^2].Version})" : "";
        RunLog.Progress($"{ProjectName} -> {alias.Model}@{alias.Alias} now points at version {alias.Version}{before}");
    }
}
