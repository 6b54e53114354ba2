using Repro.Diagnostics;
using Repro.Groups;
using Repro.Runs;

namespace Repro.Runs;

/// <summary>
/// Finds a recorded run, or a group, by id. Only the RunId shape is accepted: an id never names another folder. A run
/// id and a group id never collide (both end in random hex), so one -p:RunId can name either.
/// </summary>
public static class RunLookup
{
    private const int Suggestions = 3;

    /// <summary>The group an id names, or null when it names none (it may still name a run).</summary>
    public static GroupRecord? FindGroup(RunStore store, string? id)
    {
        var groups = new GroupStore(store);
        return RunId.IsValid(id) && groups.Exists(id) ? groups.Read(id!) : null;
    }

    /// <summary>The folder of a run; a group id here is <see cref="ErrorCode.GroupNotARun"/>, naming the group's members.</summary>
    /// <param name="orElse">How else the verb can name a run (a sentence), told with a missing or malformed id; empty when there is no other way.</param>
    public static string Find(RunStore store, string? runId, string orElse = "")
    {
        if (string.IsNullOrWhiteSpace(runId))
        {
            throw NoRunNamed(orElse);
        }

        if (!RunId.IsValid(runId))
        {
            throw new ReproException(ErrorCode.BadRunId,
                $"'{runId}' is not a run id: ids look like 20261122-051500-123-3f9a1c (UTC time, milliseconds, six hex digits).{orElse}");
        }

        if (store.Find(runId) is { } folder)
        {
            return folder;
        }

        if (FindGroup(store, runId) is { } group)
        {
            throw new ReproException(ErrorCode.GroupNotARun,
                $"'{runId}' is a group of {group.Members.Count} runs of '{group.Experiment}', and this needs one run: name a member, " +
                $"such as -p:RunId={group.Members[0].RunId}. Its members: {Members(group)}.");
        }

        throw new ReproException(ErrorCode.UnknownRun, $"there is no run or group '{runId}' in '{store.Directory}'." + Nearest(store, runId));
    }

    /// <summary>A verb that needs a run was given none: the same code for every verb.</summary>
    public static ReproException NoRunNamed(string orElse = "") => new(ErrorCode.BadRunId,
        $"name the run: -p:RunId=<id> (the run folders under the run store are named by id).{orElse}");

    /// <summary>The members as a person reads them: run id, seed and grid point.</summary>
    public static string Members(GroupRecord group) => string.Join(", ", group.Members.Select(Describe));

    /// <summary>One member: "20261122-… (seed 7, Trees=5)".</summary>
    public static string Describe(GroupMember member) =>
        $"{member.RunId} (seed {member.Seed}{string.Concat(member.Point.Select(p => $", {p.Key}={p.Value}"))})";

    private static string Nearest(RunStore store, string runId) => Nearest([.. store.RunIds(), .. store.GroupIds()], runId);

    /// <summary>A sentence naming the ids nearest to a mistyped one, or saying there are none to train.</summary>
    private static string Nearest(IReadOnlyCollection<string> ids, string runId)
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
