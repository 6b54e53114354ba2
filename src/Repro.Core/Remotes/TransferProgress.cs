using Repro.Diagnostics;

namespace Repro.Remotes;

/// <summary>
/// Says how a large transfer goes, about every 10% and at most every two seconds: a 78 MB model moving over a slow link
/// should not look like a hung build, and a thousand small files should not flood the log.
/// </summary>
internal sealed class TransferProgress(IRunLog log, string verb, string name, long total) : IProgress<long>
{
    private const long Large = 8L << 20;
    private long _shownAt;
    private long _shownTicks = Environment.TickCount64;

    public static IProgress<long>? For(IRunLog log, string verb, string name, long total) =>
        total >= Large ? new TransferProgress(log, verb, name, total) : null;

    public void Report(long value)
    {
        lock (this)
        {
            var now = Environment.TickCount64;
            if (value < total && (value - _shownAt < total / 10 || now - _shownTicks < 2000))
            {
                return;
            }

            _shownAt = value;
            _shownTicks = now;
            log.Progress($"  {verb} {name}: {Bytes.Shown(value)} of {Bytes.Shown(total)} ({100 * value / Math.Max(1, total)}%)");
        }
    }
}

public static class Bytes
{
    public static string Shown(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => FormattableString.Invariant($"{bytes / 1024.0:0.#} KB"),
        < 1024L * 1024 * 1024 => FormattableString.Invariant($"{bytes / (1024.0 * 1024):0.#} MB"),
        _ => FormattableString.Invariant($"{bytes / (1024.0 * 1024 * 1024):0.##} GB"),
    };
}
