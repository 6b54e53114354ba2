using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Repro.Tasks;

/// <summary>
/// Makes SIGTERM, as a CI runner or a container stops a job, fail the build as Ctrl+C does. MSBuild cancels a build on
/// Ctrl+C (SIGINT) only, and the dotnet CLI answers SIGTERM with an exit code of 0, as if the build had succeeded. Run
/// in the build's own process (no task host), this turns the first SIGTERM into a SIGINT, so MSBuild cancels the build
/// and the task host records the run as cancelled, and should the CLI end the process first, it ends with 143 (the
/// shell's code for a SIGTERM) and a coded error, never 0.
/// </summary>
public sealed class ForwardSigterm : Microsoft.Build.Utilities.Task
{
    private const int SigtermExitCode = 143;
    private static readonly object Gate = new();
    private static PosixSignalRegistration? _registration;
    private static int _terminated;

    /// <summary>The project, to point the error at.</summary>
    public string ProjectFile { get; set; } = "";

    public override bool Execute()
    {
        if (OperatingSystem.IsWindows())
        {
            return true;
        }

        lock (Gate)
        {
            // Once per process, for its lifetime.
            if (_registration is null)
            {
                var project = ProjectFile;
                AppDomain.CurrentDomain.ProcessExit += (_, _) =>
                {
                    if (Volatile.Read(ref _terminated) == 1 && Environment.ExitCode == 0)
                    {
                        Console.Error.WriteLine($"{project} : error REPRO0016: the build was stopped by SIGTERM before it finished; " +
                            "a run it was making is kept, marked cancelled. Train again.");
                        Environment.ExitCode = SigtermExitCode;
                    }
                };
                _registration = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
                {
                    context.Cancel = true;
                    if (Interlocked.Exchange(ref _terminated, 1) == 0)
                    {
                        using var interrupt = Process.Start(new ProcessStartInfo("kill", ["-s", "INT", Environment.ProcessId.ToString(CultureInfo.InvariantCulture)])
                        {
                            UseShellExecute = false,
                        });
                    }
                });
            }
        }

        return true;
    }
}
