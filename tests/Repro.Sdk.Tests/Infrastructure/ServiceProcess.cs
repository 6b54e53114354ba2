using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Repro.Sdk.Tests.Infrastructure;

/// <summary>
/// A built ASP.NET Core application started as its own process on a free loopback port, as a deployment starts it;
/// the test talks to it over real HTTP and reads what it logged.
/// </summary>
internal sealed partial class ServiceProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServiceProcess(Process process) => _process = process;

    public HttpClient Http { get; private set; } = new();

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

    /// <summary>Starts <paramref name="assembly"/> (the built .dll) and waits until it listens.</summary>
    public static async Task<ServiceProcess> StartAsync(string assembly)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { assembly, "--urls", "http://127.0.0.1:0" })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in start.Environment.Keys.Where(Dotnet.IsInheritedBuildVariable).ToArray())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        var service = new ServiceProcess(Process.Start(start)!);
        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Read(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (service._output)
            {
                service._output.AppendLine(line);
            }

            if (Listening().Match(line) is { Success: true } match)
            {
                listening.TrySetResult(match.Groups[1].Value);
            }
        }

        service._process.OutputDataReceived += (_, e) => Read(e.Data);
        service._process.ErrorDataReceived += (_, e) => Read(e.Data);
        service._process.BeginOutputReadLine();
        service._process.BeginErrorReadLine();
        var exit = service._process.WaitForExitAsync();
        var first = await Task.WhenAny(listening.Task, exit, Task.Delay(StartTimeout));
        if (first != listening.Task)
        {
            var why = first == exit ? $"exited with {service._process.ExitCode}" : $"did not listen within {StartTimeout.TotalSeconds} s";
            await service.DisposeAsync();
            throw new ServiceDidNotStartException($"{Path.GetFileName(assembly)} {why}:\n{service.Output}");
        }

        service.Http = new HttpClient { BaseAddress = new Uri(await listening.Task), Timeout = TimeSpan.FromSeconds(30) };
        return service;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex Listening();
}

internal sealed class ServiceDidNotStartException(string message) : Exception(message);
