using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Repro.Processes;

/// <summary>What a finished child process left: its exit code and everything it printed, line by line.</summary>
public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError, bool TimedOut);

/// <summary>
/// Runs a program and reads both of its streams as they come (a child that fills one pipe while we wait on the
/// other would hang), in UTF-8, with no console prompts.
/// </summary>
public static class ChildProcess
{
    /// <exception cref="Win32Exception">When the program cannot be started, for example because it is not installed.</exception>
    public static ProcessResult Run(
        string fileName,
        IEnumerable<string> arguments,
        string workingDirectory,
        TimeSpan? timeout = null,
        Action<string>? onLine = null,
        IReadOnlyDictionary<string, string>? environment = null,
        Func<string, bool>? removeEnvironment = null,
        CancellationToken cancellation = default)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in start.Environment.Keys.Where(removeEnvironment ?? (_ => false)).ToArray())
        {
            start.Environment.Remove(name);
        }

        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var output = new StringBuilder();
        var error = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data, onLine);
        process.ErrorDataReceived += (_, e) => Append(error, e.Data, onLine);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var registration = cancellation.Register(() => Kill(process));
        var exited = process.WaitForExit(timeout is { } t ? (int)t.TotalMilliseconds : Timeout.Infinite);
        if (!exited)
        {
            Kill(process);
        }

        process.WaitForExit();
        return new ProcessResult(exited ? process.ExitCode : -1, output.ToString(), error.ToString(), !exited);
    }

    private static void Append(StringBuilder buffer, string? line, Action<string>? onLine)
    {
        if (line is null)
        {
            return;
        }

        lock (buffer)
        {
            buffer.Append(line).Append('\n');
        }

        onLine?.Invoke(line);
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited on its own meanwhile.
        }
    }
}
