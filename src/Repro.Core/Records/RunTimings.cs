using System.Diagnostics;

namespace Repro.Records;

/// <summary>
/// Where a run's time went, Repro's own work beside the program's, in milliseconds: so Repro's cost per run can be seen
/// (docs/records.md). Observed, never compared: not an input, not in the cache key.
/// </summary>
/// <param name="StartMs">Claiming the run folder and writing config.json.</param>
/// <param name="ProgramMs">The experiment program, from its start to its exit.</param>
/// <param name="PlotsMs">Reading its metrics and drawing its series.</param>
/// <param name="HashingMs">Hashing its artifacts, config, metrics and history, and reading its split and model shape.</param>
/// <param name="ProbeMs">Reading the environment the program ran in.</param>
public sealed record RunTimings(long StartMs, long ProgramMs, long PlotsMs, long HashingMs, long ProbeMs)
{
    /// <summary>Repro's own part: everything but the program.</summary>
    public long ReproMs => StartMs + PlotsMs + HashingMs + ProbeMs;

    /// <summary>"Repro 12 ms (start 3, plots 1, hashing 6, probe 2) beside the program's 702 ms".</summary>
    public override string ToString() =>
        $"Repro {ReproMs} ms (start {StartMs}, plots {PlotsMs}, hashing {HashingMs}, probe {ProbeMs}) beside the program's {ProgramMs} ms";
}

/// <summary>A stopwatch read at each phase's end: each phase is the time since the one before.</summary>
internal sealed class PhaseClock
{
    private long _last = Stopwatch.GetTimestamp();

    /// <summary>Milliseconds since the last phase ended (or the clock started).</summary>
    public long Lap()
    {
        var now = Stopwatch.GetTimestamp();
        var elapsed = Stopwatch.GetElapsedTime(_last, now);
        _last = now;
        return (long)elapsed.TotalMilliseconds;
    }
}
