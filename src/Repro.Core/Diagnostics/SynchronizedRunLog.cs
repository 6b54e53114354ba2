namespace Repro.Diagnostics;

/// <summary>A log that runs training in parallel can share: one message at a time, never interleaved.</summary>
public sealed class SynchronizedRunLog(IRunLog inner) : IRunLog
{
    private readonly object _gate = new();

    public static IRunLog Wrap(IRunLog log) => log as SynchronizedRunLog ?? new SynchronizedRunLog(log);

    public void Progress(string message)
    {
        lock (_gate)
        {
            inner.Progress(message);
        }
    }

    public void Detail(string message)
    {
        lock (_gate)
        {
            inner.Detail(message);
        }
    }

    public void Warning(string code, string message)
    {
        lock (_gate)
        {
            inner.Warning(code, message);
        }
    }

    public void Error(string code, string message)
    {
        lock (_gate)
        {
            inner.Error(code, message);
        }
    }
}
