using Repro.Diagnostics;

namespace Repro.Runs;

/// <summary>
/// -t:Prune: removes the run folders whose build is gone (interrupted runs), and nothing else: not a finished run,
/// not a run another build is still writing, not one made on another machine.
/// </summary>
public static class RunPruner
{
    public static IReadOnlyList<PartialRun> Prune(RunStore store)
    {
        var removed = new List<PartialRun>();
        foreach (var partial in store.Partials().Where(p => p.State == PartialState.Interrupted))
        {
            try
            {
                Directory.Delete(partial.Folder, recursive: true);
                removed.Add(partial);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new ReproException(ErrorCode.RunStoreUnwritable,
                    $"the interrupted run '{partial.RunId}' cannot be removed from '{store.Directory}' ({e.Message}); " +
                    $"{removed.Count} were removed before it. Make the folder writable and prune again.", e);
            }
        }

        return removed;
    }

    /// <summary>What Prune says: each run removed, or that there was nothing to remove.</summary>
    public static string Describe(IReadOnlyList<PartialRun> removed, IReadOnlyList<PartialRun> kept) =>
        (removed.Count == 0
            ? "No interrupted runs to remove."
            : $"Removed {removed.Count} interrupted run(s):\n" + string.Join("\n", removed.Select(r => $"  {r.RunId}  ({r.OwnerText}; {r.Holds})")))
        + (kept.Count == 0 ? "" : $"\nKept {kept.Count} unfinished run(s) whose build is alive or on another machine: " + string.Join(", ", kept.Select(k => k.RunId)));
}
