using Repro.Diagnostics;
using Repro.Reproduction;
using Repro.Runs;

namespace Repro.Registry;

/// <summary>Which run a verb is about: -p:RunId, or -p:Model with -p:Version (a number or an alias).</summary>
public static class RunSelection
{
    public static string RunId(RunStore store, ModelRegistry registry, string? runId, string? model, string? version)
    {
        if (!string.IsNullOrWhiteSpace(runId))
        {
            return Path.GetFileName(RunLookup.Find(store, runId));
        }

        if (!string.IsNullOrWhiteSpace(model))
        {
            var resolved = registry.Resolve(model, version);
            return Path.GetFileName(RunLookup.Find(store, resolved.RunId));
        }

        throw new ReproException(ErrorCode.NoRunSelected,
            "name a run: -p:RunId=<id>, or a registered model version: -p:Model=iris-classifier -p:Version=production.");
    }
}
