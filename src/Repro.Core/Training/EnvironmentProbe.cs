using System.Runtime.InteropServices;
using Repro.Records;

namespace Repro.Training;

/// <summary>The toolchain and machine a run used.</summary>
public static class EnvironmentProbe
{
    public static string Os => RuntimeInformation.OSDescription;

    public static string Architecture => RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant();

    /// <summary>The vector instructions as the build sees them; the program inherits the build's environment, DOTNET_Enable* included.</summary>
    public static string Simd => SimdSupport.Describe();

    /// <param name="program">What the program reported in runtime.json; without it the build's view stands in.</param>
    public static EnvironmentRecord Read(string? sdkVersion, RuntimeStamp? program) => new(
        sdkVersion,
        program?.Version,
        program?.Framework,
        RuntimeInformation.FrameworkDescription,
        Os,
        Platform(),
        Architecture,
        program?.ProcessorCount ?? Environment.ProcessorCount,
        Environment.MachineName)
    {
        HostProcessorCount = Environment.ProcessorCount,
        OmpNumThreads = program is null ? Environment.GetEnvironmentVariable("OMP_NUM_THREADS") : program.OmpNumThreads,
        NativeLibraries = program?.NativeLibraries,
        Simd = program?.Simd,
    };

    private static string Platform() =>
        RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "windows"
        : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? "macos"
        : RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? "linux"
        : "other";
}
