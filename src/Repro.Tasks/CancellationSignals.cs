using System.Runtime.InteropServices;

namespace Repro.Tasks;

/// <summary>
/// Ctrl+C and SIGTERM as a cancellation of the task that makes runs. MSBuild forwards Ctrl+C to the build (and so to
/// <see cref="Microsoft.Build.Framework.ICancelableTask.Cancel"/>), but a signal sent to the whole process group, as a
/// terminal or a CI runner sends it, also reaches the task host, which would die with the run half-written. While a
/// run is being made, the signal cancels it instead: its program is stopped and the run is recorded as cancelled.
/// </summary>
internal sealed class CancellationSignals : IDisposable
{
    private readonly PosixSignalRegistration?[] _registrations;

    private CancellationSignals(PosixSignalRegistration?[] registrations) => _registrations = registrations;

    public static CancellationSignals Cancel(CancellationTokenSource cancellation) =>
        new([Register(PosixSignal.SIGINT, cancellation), Register(PosixSignal.SIGTERM, cancellation)]);

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
        foreach (var registration in _registrations)
        {
            registration?.Dispose();
        }
    }
}
