using System.Collections.Concurrent;
using System.Diagnostics;
using Repro.Diagnostics;
using Repro.Fingerprints;
using Repro.Runs;

namespace Repro.Training;

/// <summary>
/// Compiles the code Train's planning spends most of its time in, on another thread, while the build checks the
/// program: the hash cache and the newest run record are read and dropped. In a process that has not read them yet,
/// System.Text.Json's code for their types is compiled on first use, and that was most of an up-to-date Train. Only
/// code is kept: Train reads every file again afterwards and answers as it would without.
/// </summary>
public static class TrainWarmUp
{
    // By run store, so a process that builds two projects tells each Train of its own warm-up.
    private static readonly ConcurrentDictionary<string, Task<long>> Started = new(StringComparer.Ordinal);

    /// <summary>Starts the warm-up; whatever fails in it is ignored, since Train reads the same files and reports.</summary>
    public static Task Start(string? hashCacheFile, RunStore store) => Started[store.Directory] = Task.Run(() =>
    {
        var clock = Stopwatch.StartNew();
        Warm(hashCacheFile, store);
        return clock.ElapsedMilliseconds;
    });

    /// <summary>What a detailed build says of the store's warm-up, once; null when none was started in this process.</summary>
    public static string? Describe(RunStore store) => !Started.TryRemove(store.Directory, out var warmUp)
        ? null
        : warmUp.IsCompleted
            ? $"Train's planning code was compiled beside the build, in {warmUp.Result} ms"
            : "Train's planning code was still being compiled beside the build when Train began";

    internal static void Warm(string? hashCacheFile, RunStore store)
    {
        try
        {
            if (hashCacheFile is not null && File.Exists(hashCacheFile))
            {
                HashCache.Open(hashCacheFile, SilentRunLog.Instance);
            }

            RunCache.Warm(store);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Train reads these files itself, and says what is wrong with them.
        }
    }
}
