using Repro.Registry;
using Repro.Reproduction;
using Repro.Runs;

namespace Repro.Verbs;

/// <summary>Which run a verb is about: -p:RunId, or -p:Model with -p:Version (a number or an alias).</summary>
public static class RunSelection
{
    public static string RunId(RunStore store, ModelRegistry registry, string? runId, string? model, string? version)
    {
        if (!string.IsNullOrWhiteSpace(runId))
        {
            return Path.GetFileName(RunLookup.Find(store, runId, OrModelVersion));
        }

        if (!string.IsNullOrWhiteSpace(model))
        {
            var resolved = registry.Resolve(model, version);
            return Path.GetFileName(RunLookup.Find(store, resolved.RunId));
        }

        throw RunLookup.NoRunNamed(OrModelVersion);
    }

    /// <summary>The other way to name a run, for the verbs that take one.</summary>
    public const string OrModelVersion =
        " Or name a registered model version: -p:Model=iris-classifier -p:Version=3, or by alias -p:Version=production.";
}
