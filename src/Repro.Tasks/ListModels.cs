using Repro.Verbs;

namespace Repro.Tasks;

/// <summary>-t:Models: the registry at a glance; it fails only on a model that is not there.</summary>
public sealed class ListModels : ReproTask
{
    /// <summary>-p:Model: one model's name; empty for all.</summary>
    public string? Model { get; set; }

    private protected override void ExecuteCore() => Report(VerbAnswers.Models(Settings, string.IsNullOrWhiteSpace(Model) ? null : Model.Trim()));
}
