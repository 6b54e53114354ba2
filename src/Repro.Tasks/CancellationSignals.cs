using System.Runtime.InteropServices;

namespace Repro.Tasks;

/// <summary>
/// Ctrl+C and SIGTERM as a cancellation of the task that makes runs. MSBuild forwards Ctrl+C to the build (and so to
/// <see cref="Microsoft.Build.Framework.ICancelableTask.Cancel"/>), but a signal sent to the whole process group, as a
/// terminal or a CI runner sends it, also reaches the task host, which would die with the run half-written. While a
/// run is being made, the signal cancels it instead: its program is stopped and the run is recorded as cancelled.
/// And a build process that dies while the task host works on (killed alone, or ended by the dotnet CLI on SIGTERM)
/// leaves the task host orphaned with nobody to cancel it: on Linux the task host notices it has a new parent and
/// cancels itself.
/// In the build's own process (<see cref="InBuildProcess"/>) MSBuild owns Ctrl+C; a SIGTERM cancels the runs at once,
/// and should the dotnet CLI end the process on it before they are recorded, the process's exit waits for them.
/// </summary>
internal sealed class CancellationSignals : IDisposable
{
    private static readonly TimeSpan ParentCheck = TimeSpan.FromMilliseconds(500);

    // Long enough to stop a program's process tree and write its record; a process that must end does not wait longer.
    private static readonly TimeSpan ExitWait = TimeSpan.FromSeconds(30);
    private static readonly List<CancellationSignals> Training = [];
    private static bool _exitHandler;
    private readonly PosixSignalRegistration?[] _registrations;
    private readonly Timer? _parentWatch;
    private readonly CancellationTokenSource? _cancellation;
    private readonly ManualResetEventSlim _recorded = new();

    private CancellationSignals(PosixSignalRegistration?[] registrations, Timer? parentWatch, CancellationTokenSource? cancellation = null)
    {
        _registrations = registrations;
        _parentWatch = parentWatch;
        _cancellation = cancellation;
    }

    /// <summary>In a task host: Ctrl+C, SIGTERM, or the build's process gone.</summary>
    public static CancellationSignals Cancel(CancellationTokenSource cancellation) =>
        new([Register(PosixSignal.SIGINT, cancellation), Register(PosixSignal.SIGTERM, cancellation)], WatchParent(cancellation));

    /// <summary>In the build's own process: SIGTERM, and the process's exit, which waits for the records.</summary>
    public static CancellationSignals InBuildProcess(CancellationTokenSource cancellation)
    {
        var signals = new CancellationSignals([Register(PosixSignal.SIGTERM, cancellation)], null, cancellation);
        lock (Training)
        {
            if (!_exitHandler)
            {
                AppDomain.CurrentDomain.ProcessExit += (_, _) => CancelAndWait();
                _exitHandler = true;
            }

            Training.Add(signals);
        }

        return signals;
    }

    private static void CancelAndWait()
    {
        CancellationSignals[] training;
        lock (Training)
        {
            training = [.. Training];
        }

        foreach (var signals in training)
        {
            signals._cancellation!.Cancel();
        }

        foreach (var signals in training)
        {
            signals._recorded.Wait(ExitWait);
        }
    }

    private static Timer? WatchParent(CancellationTokenSource cancellation)
    {
        if (ParentId() is not { } parent)
        {
            return null;
        }

        return new Timer(_ =>
        {
            if (ParentId() != parent)
            {
                cancellation.Cancel();
            }
        }, null, ParentCheck, ParentCheck);
    }

    /// <summary>This process's parent on Linux (field 4 of /proc/self/stat, after the name in parentheses), else null.</summary>
    private static int? ParentId()
    {
        try
        {
            var stat = File.ReadAllText("/proc/self/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private static PosixSignalRegistration? Register(PosixSignal signal, CancellationTokenSource cancellation)
    {
        try
        {
            return PosixSignalRegistration.Create(signal, context =>
            {
                // Finish the record, then end: the build fails with REPRO0016.
                context.Cancel = true;
                cancellation.Cancel();
            });
        }
        catch (PlatformNotSupportedException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        lock (Training)
        {
            Training.Remove(this);
        }

        _recorded.Set();
        _parentWatch?.Dispose();
        foreach (var registration in _registrations)
        {
            registration?.Dispose();
        }
    }
}
