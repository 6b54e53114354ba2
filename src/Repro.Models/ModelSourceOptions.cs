namespace Repro.Models;

/// <summary>Where <see cref="RegisteredModel.Load(string, ModelSourceOptions)"/> resolves a reference at run time instead of the build's output.</summary>
public sealed class ModelSourceOptions
{
    /// <summary>The experiment project's folder: its registry and run store (as its obj/repro/settings.json says, else registry/ and runs/).</summary>
    public required string Registry { get; init; }

    /// <summary>Where the model files are when the run store lacks them: a folder, file:// or azblob://container/prefix; null for the project's own $(ReproRemote).</summary>
    public string? Remote { get; init; }

    /// <summary>The shared cache of model files; null for $REPRO_MODEL_CACHE, else repro/models in the user's local application data.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>The run's artifact to serve, when the version does not name one and the run has several named model.*.</summary>
    public string? Artifact { get; init; }

    /// <summary>Serve a run made from uncommitted changes.</summary>
    public bool AllowDirty { get; init; }
}
