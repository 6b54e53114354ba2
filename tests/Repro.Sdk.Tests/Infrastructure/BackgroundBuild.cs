using System.Diagnostics;
using System.Text;

namespace Repro.Sdk.Tests.Infrastructure;

/// <summary>
/// A 'dotnet build' left running while the test acts on it, in a process group of its own (as a terminal or a CI
/// runner starts a build), so a signal can reach the whole group as Ctrl+C does, or the build alone.
/// </summary>
internal sealed class BackgroundBuild : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private BackgroundBuild(Process process) => _process = process;

    public int ProcessId => _process.Id;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static BackgroundBuild Start(ExperimentProject project, params string[] arguments) => Start(project, project.Feed.Environment, arguments);

    /// <summary>With <paramref name="environment"/> as the whole of what the test sets (include the feed's).</summary>
    public static BackgroundBuild Start(ExperimentProject project, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            Assert.Inconclusive("process groups and POSIX signals are tested on Linux and macOS");
        }

        // setsid execs dotnet as the leader of a new process group: its id is the group's. A test run started in the
        // background of a shell without job control inherits SIGINT ignored; a terminal's Ctrl+C reaches processes that do not.
        var start = new ProcessStartInfo("setsid")
        {
            WorkingDirectory = project.Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["env", "--default-signal=INT,QUIT", "dotnet", .. project.ArgumentsOf(arguments), "-nodeReuse:false"])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in start.Environment.Keys.Where(Dotnet.IsInheritedBuildVariable).ToArray())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in Dotnet.Variables(environment))
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start };
        var build = new BackgroundBuild(process);
        process.OutputDataReceived += (_, e) => build.Append(e.Data);
        process.ErrorDataReceived += (_, e) => build.Append(e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return build;
    }

    /// <summary>Waits until <paramref name="ready"/> holds (checked every 100 ms), failing the test after the timeout.</summary>
    public void WaitUntil(Func<bool> ready, string what, TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        while (!ready())
        {
            if (clock.Elapsed > (timeout ?? TimeSpan.FromMinutes(3)) || _process.HasExited)
            {
                Assert.Fail($"gave up waiting for {what} after {clock.Elapsed.TotalSeconds:0} s (build exited: {_process.HasExited}):\n{Output}");
            }

            Thread.Sleep(100);
        }
    }

    /// <summary>Sends a signal (INT, TERM, KILL) to the whole process group, or to the build's process alone.</summary>
    public void Signal(string signal, bool wholeGroup = true)
    {
        var result = Repro.Processes.ChildProcess.Run("kill", ["-s", signal, "--", (wholeGroup ? "-" : "") + ProcessId], ".", TimeSpan.FromSeconds(10));
        Assert.AreEqual(0, result.ExitCode, result.StandardError);
    }

    public CommandResult WaitForExit(TimeSpan? timeout = null)
    {
        if (!_process.WaitForExit(timeout ?? TimeSpan.FromMinutes(5)))
        {
            var processes = Repro.Processes.ChildProcess.Run("ps", ["-eo", "pid,ppid,pgid,stat,cmd"], ".", TimeSpan.FromSeconds(10)).StandardOutput;
            Signal("KILL");
            Assert.Fail($"the build (process {ProcessId}) did not end:\n{Output}\n{processes}");
        }

        _process.WaitForExit();
        return new CommandResult("dotnet " + string.Join(" ", _process.StartInfo.ArgumentList.Skip(3)), _process.ExitCode, Output);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Signal("KILL");
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.Append(line).Append('\n');
            }
        }
    }
}
