using Repro.Diagnostics;
using Repro.Runs;

namespace Repro.Reproduction;

/// <summary>Finds a recorded run by id. Only the RunId shape is accepted: an id never names another folder.</summary>
public static class RunLookup
{
    private const int Suggestions = 3;

    public static string Find(RunStore store, string? runId)
    {
        if (string.IsNullOrWhiteSpace(runId))
        {
            throw new ReproException(ErrorCode.BadRunId, "name the run to reproduce: -p:RunId=<id> (the run folders under the run store are named by id).");
        }

        if (!RunId.IsValid(runId))
        {
            throw new ReproException(ErrorCode.BadRunId,
                $"'{runId}' is not a run id: ids look like 20261122-051500-123-3f9a1c (UTC time, milliseconds, six hex digits).");
        }

        return store.Find(runId) ?? throw new ReproException(ErrorCode.UnknownRun,
            $"there is no run '{runId}' in '{store.Directory}'." + Nearest(store, runId));
    }

    private static string Nearest(RunStore store, string runId) => Nearest(Ids(store), runId);

    /// <summary>The ids of the run folders in the store.</summary>
    internal static IReadOnlyList<string> Ids(RunStore store) => Directory.Exists(store.Directory)
        ? Directory.GetDirectories(store.Directory).Select(Path.GetFileName).OfType<string>().Where(RunId.IsValid).ToArray()
        : [];

    /// <summary>A sentence naming the ids nearest to a mistyped one, or saying there are none to train.</summary>
    internal static string Nearest(IReadOnlyCollection<string> ids, string runId)
    {
        if (ids.Count == 0)
        {
            return " The run store holds no runs yet: train with -t:Train first.";
        }

        var nearest = ids.OrderBy(id => Distance(id, runId)).ThenBy(id => id, StringComparer.Ordinal).Take(Suggestions);
        return " The nearest ids: " + string.Join(", ", nearest) + ".";
    }

    /// <summary>Levenshtein distance: a mistyped digit is one edit away.</summary>
    internal static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
