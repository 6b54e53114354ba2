namespace Repro.Probes;

/// <summary>
/// What the process a task runs in knows of its own start. A run's cache key takes the processor count and the
/// instruction sets from the process that plans it (<see cref="EnvironmentProbe"/>), which the runtime fixes when the
/// process starts. The process `dotnet build` started has them as this build set them; a worker node or a build
/// server (MSBuild's -nodemode) may have started for an earlier build, with other DOTNET_ settings.
/// </summary>
public static class BuildProcess
{
    /// <summary>True when the process was started by this build's command, not as a node that outlives builds.</summary>
    public static bool StartedForThisBuild(IReadOnlyList<string> commandLine) =>
        !commandLine.Any(a => a.TrimStart('-', '/').StartsWith("nodemode:", StringComparison.OrdinalIgnoreCase));

    public static bool StartedForThisBuild() => StartedForThisBuild(Environment.GetCommandLineArgs());
}
