using System.ComponentModel;
using Repro.Diagnostics;
using Repro.Processes;
using Repro.Threads;

namespace Repro.Training;

/// <summary>
/// Runs the built experiment program for one run, as a child process: user code never loads into MSBuild.
/// Its output goes to the run's output.log and to the detailed build log.
/// </summary>
public static class ExperimentProgram
{
    private const int TailLines = 15;
    private static readonly TimeSpan SignalGrace = TimeSpan.FromSeconds(2);

    /// <param name="threads">The processor count to start the program with, or null for the machine's.</param>
    public static void Run(TrainSettings settings, string experiment, string runFolder, ThreadSettings? threads, CancellationToken cancellation)
    {
        var tail = new Queue<string>();
        ProcessResult result;
        using (var log = new StreamWriter(Path.Combine(runFolder, RunFiles.Output)))
        {
            void OnLine(string line)
            {
                lock (log)
                {
                    log.WriteLine(line);
                    tail.Enqueue(line);
                    if (tail.Count > TailLines)
                    {
                        tail.Dequeue();
                    }
                }

                settings.Log.Detail($"  {experiment}> {line}");
            }

            try
            {
                result = ChildProcess.Run(
                    settings.DotnetHost,
                    ["exec", settings.ProgramPath, RunFiles.RunOption, runFolder],
                    settings.ProjectDirectory,
                    onLine: OnLine,
                    environment: threads?.Variables(),
                    removeEnvironment: threads is null ? null : threads.Removes,
                    cancellation: cancellation);
            }
            catch (Win32Exception e)
            {
                throw new ReproException(ErrorCode.ProgramFailed,
                    $"experiment '{experiment}' could not start '{settings.DotnetHost}': {e.Message}.", e);
            }
        }

        // Ctrl+C or SIGTERM sent to the process group reaches the program and this build at once, and the program may end
        // first: one stopped by SIGINT or SIGTERM (exit code 128 + the signal) waits a moment for the build's own signal.
        if (!cancellation.IsCancellationRequested && !OperatingSystem.IsWindows() && result.ExitCode is 130 or 143)
        {
            cancellation.WaitHandle.WaitOne(SignalGrace);
        }

        if (cancellation.IsCancellationRequested)
        {
            throw new ReproException(ErrorCode.Cancelled, $"experiment '{experiment}' was cancelled: its program (and every process it started) was stopped.");
        }

        if (result.ExitCode != 0)
        {
            throw new ReproException(ErrorCode.ProgramFailed,
                $"experiment '{experiment}' failed: the program exited with code {result.ExitCode}. Its last output:" +
                Environment.NewLine + string.Join(Environment.NewLine, tail.Select(l => "  " + l)));
        }
    }
}
