using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Build.Framework;

namespace Repro.Tasks;

/// <summary>
/// Makes SIGTERM, as a CI runner or a container stops a job, fail the build as Ctrl+C does. MSBuild cancels a build on
/// Ctrl+C (SIGINT) only, and the dotnet CLI answers SIGTERM with an exit code of 0, as if the build had succeeded. So,
/// in the build's own process, the first SIGTERM becomes a SIGINT: MSBuild cancels the build and the task host records
/// the run as cancelled; should the CLI end the process first, it ends with 143 (the shell's code for a SIGTERM) and a
/// coded error, never 0.
/// It runs in the process the build belongs to, not a task host, and it is careful there: in a worker node (which may
/// be reused by later builds, and which SIGTERM to the build never reaches) it does nothing; in the build's own
/// process its signal handler is registered for this build only, and MSBuild disposes it when the build ends
/// (RegisterTaskObject with the Build lifetime). What stays for the process's life is one exit handler that acts only
/// after a SIGTERM this task forwarded.
/// </summary>
public sealed class ForwardSigterm : Microsoft.Build.Utilities.Task
{
    private const string Key = "Repro.Tasks.ForwardSigterm";

    /// <summary>The project, to point the error at.</summary>
    public string ProjectFile { get; set; } = "";

    public override bool Execute()
    {
        if (OperatingSystem.IsWindows() || IsWorkerNode() || BuildEngine is not IBuildEngine4 engine)
        {
            return true;
        }

        if (engine.GetRegisteredTaskObject(Key, RegisteredTaskObjectLifetime.Build) is null)
        {
            engine.RegisterTaskObject(Key, new Forwarding(ProjectFile), RegisteredTaskObjectLifetime.Build, allowEarlyCollection: false);
        }

        return true;
    }

    /// <summary>A worker node is started with /nodemode; the process the user started is not.</summary>
    private static bool IsWorkerNode() => Environment.GetCommandLineArgs().Any(argument =>
        argument.TrimStart('/', '-').StartsWith("nodemode:", StringComparison.OrdinalIgnoreCase));

    /// <summary>The SIGTERM handler of one build, removed when MSBuild disposes it at the build's end.</summary>
    private sealed class Forwarding : IDisposable
    {
        private const int SigtermExitCode = 143;
        private static readonly object Gate = new();
        private static string? _project;
        private static int _terminated;
        private static bool _exitHandler;
        private readonly PosixSignalRegistration _registration;

        public Forwarding(string project)
        {
            lock (Gate)
            {
                // A new build in this process: a SIGTERM forwarded in an earlier one is history.
                Volatile.Write(ref _terminated, 0);
                _project = project;
                if (!_exitHandler)
                {
                    AppDomain.CurrentDomain.ProcessExit += (_, _) =>
                    {
                        if (Volatile.Read(ref _terminated) == 1 && Environment.ExitCode == 0)
                        {
                            Console.Error.WriteLine($"{_project} : error REPRO0016: the build was stopped by SIGTERM before it finished; " +
                                "a run it was making is kept, marked cancelled. Train again.");
                            Environment.ExitCode = SigtermExitCode;
                        }
                    };
                    _exitHandler = true;
                }
            }

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

        public void Dispose() => _registration.Dispose();
    }
}
