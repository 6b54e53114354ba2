using Repro.Diagnostics;
using Repro.Groups;
using Repro.Records;
using Repro.Runs;

namespace Repro.Remotes;

/// <summary>The finished runs of the local store a Push or Pull is about: all of them, one run, or one group's members.</summary>
internal static class RemoteSelection
{
    public static IReadOnlyList<string> LocalRunIds(RunStore store) => Directory.Exists(store.Directory)
        ? Directory.GetDirectories(store.Directory).Select(Path.GetFileName).OfType<string>()
            .Where(id => RunId.IsValid(id) && File.Exists(Path.Combine(store.Directory, id, RunFiles.Run)))
            .Order(StringComparer.Ordinal).ToArray()
        : [];

    public static IReadOnlyList<string> LocalGroupIds(RunStore store)
    {
        var groups = new GroupStore(store);
        return Directory.Exists(groups.Directory)
            ? Directory.GetDirectories(groups.Directory).Select(Path.GetFileName).OfType<string>().Where(groups.Exists)
                .Order(StringComparer.Ordinal).ToArray()
            : [];
    }

    /// <summary>A run's record, or null for a folder that holds none Repro can read (reported, never guessed at).</summary>
    public static RunRecord? Record(RunStore store, string runId, IRunLog log)
    {
        try
        {
            return RecordJson.ReadRecord(Path.Combine(store.Directory, runId, RunFiles.Run));
        }
        catch (ReproException e)
        {
            log.Warning(e.Code, e.Message);
            return null;
        }
    }
}
