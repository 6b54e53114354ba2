using System.Collections.Concurrent;

namespace Repro.Runs;

/// <summary>
/// Records read once while their file is unchanged (by its length and time), for a build that reads the store twice:
/// Train builds the runs page while its programs run, to compile the page's code, and again after them, when only
/// the new runs' records are read. A finished run's record is never rewritten in place.
/// </summary>
public sealed class RecordCache(RunStore store)
{
    private readonly ConcurrentDictionary<string, (long Length, DateTime Written, StoredRecord Stored)> _read = new(StringComparer.Ordinal);

    public RunStore Store => store;

    /// <summary>The run's record as <see cref="RunStore.Read"/> gives it, read again only when its file changed.</summary>
    public StoredRecord Read(string runId)
    {
        var file = new FileInfo(Path.Combine(store.Folder(runId), RunFiles.Run));
        if (!file.Exists)
        {
            return store.Read(runId);
        }

        if (_read.TryGetValue(runId, out var known) && known.Length == file.Length && known.Written == file.LastWriteTimeUtc)
        {
            return known.Stored;
        }

        var stored = store.Read(runId);
        _read[runId] = (file.Length, file.LastWriteTimeUtc, stored);
        return stored;
    }
}
