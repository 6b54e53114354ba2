using Repro.Diagnostics;
using Repro.Registry;
using Repro.Runs;

namespace Repro.Verbs;

/// <summary>Which run a verb is about: -p:RunId, or a registered version, -p:Model=iris-classifier@production.</summary>
public static class RunSelection
{
    /// <summary>The other way to name a run, for the verbs that take one.</summary>
    public const string OrModelVersion =
        " Or name a registered model version: -p:Model=iris-classifier@3, or by alias -p:Model=iris-classifier@production.";

    /// <summary>The id of the run named by -p:RunId, or by -p:Model's version; none at all is REPRO0020.</summary>
    public static string RunId(RunStore store, ModelRegistry registry, string? runId, ModelReference? model)
    {
        if (!string.IsNullOrWhiteSpace(runId))
        {
            return Path.GetFileName(RunLookup.Find(store, runId.Trim(), OrModelVersion));
        }

        if (model is not null)
        {
            return Path.GetFileName(RunLookup.Find(store, registry.Resolve(model).RunId));
        }

        throw RunLookup.NoRunNamed(OrModelVersion);
    }

    /// <summary>-p:Model as a version reference, or null when it is not given.</summary>
    public static ModelReference? Model(string? model, string? legacyVersion, IRunLog log) =>
        string.IsNullOrWhiteSpace(model) ? null : ModelReference.Parse(model, legacyVersion, log);
}
