using System.Runtime.InteropServices;
using Repro.Records;

namespace Repro.Training;

/// <summary>The toolchain and machine a run used.</summary>
public static class EnvironmentProbe
{
    public static EnvironmentRecord Read(string? sdkVersion, RuntimeStamp? program) => new(
        sdkVersion,
        program?.Version,
        program?.Framework,
        RuntimeInformation.FrameworkDescription,
        RuntimeInformation.OSDescription,
        Platform(),
        RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant(),
        Environment.ProcessorCount,
        Environment.MachineName);

    private static string Platform() =>
        RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "windows"
        : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? "macos"
        : RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? "linux"
        : "other";
}
