using Repro.Diagnostics;
using Repro.Records;
using Repro.Runs;

namespace Repro.Remotes;

/// <summary>The finished runs of the local store a Push or Pull is about.</summary>
internal static class RemoteSelection
{
    /// <summary>A run's record, or null for a folder that holds none Repro can read (reported, never guessed at).</summary>
    public static RunRecord? Record(RunStore store, string runId, IRunLog log)
    {
        var stored = store.Read(runId);
        if (stored.Problem is { } problem)
        {
            log.Warning(problem.Code, problem.Message);
        }

        return stored.Record;
    }
}
