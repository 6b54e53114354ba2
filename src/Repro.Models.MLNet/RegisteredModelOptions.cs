namespace Repro.Models.MLNet;

/// <summary>How <c>AddRegisteredModel</c> finds and keeps its model.</summary>
public sealed class RegisteredModelOptions
{
    /// <summary>Where to resolve the reference at run time; null for the model the build placed in the output (what models.lock.json says).</summary>
    public ModelSourceOptions? Source { get; set; }

    /// <summary>With <see cref="Source"/>: notice a moved alias, prove the new model and swap it in; in-flight predictions finish on the old one.</summary>
    public bool WatchForChanges { get; set; }

    /// <summary>How often a watched reference is resolved again.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);
}
