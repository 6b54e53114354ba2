using System.Runtime.InteropServices;
using Repro.Records;
using Repro.Threads;

namespace Repro.Probes;

/// <summary>The toolchain and machine a run used.</summary>
public static class EnvironmentProbe
{
    public static string Os => RuntimeInformation.OSDescription;

    public static string Architecture => RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant();

    /// <summary>The vector instructions as the build sees them; the program inherits the build's environment, DOTNET_Enable* included.</summary>
    public static string Simd => SimdSupport.Describe();

    /// <param name="program">What the program reported in runtime.json; without it the build's view stands in.</param>
    /// <param name="threads">The thread settings the program was started with, or null when it inherited the build's.</param>
    public static EnvironmentRecord Read(string? sdkVersion, RuntimeStamp? program, ThreadSettings? threads = null) => new(
        sdkVersion,
        program?.Version,
        program?.Framework,
        RuntimeInformation.FrameworkDescription,
        Os,
        Platform(),
        Architecture,
        program?.ProcessorCount ?? threads?.ProcessorCount ?? Environment.ProcessorCount,
        Environment.MachineName)
    {
        HostProcessorCount = Environment.ProcessorCount,
        ProcessorCountPinnedBy = threads?.PinnedBy,
        OmpNumThreads = program is null
            ? threads is null ? Environment.GetEnvironmentVariable(ThreadSettings.OmpNumThreadsVariable) : threads.OmpNumThreads
            : program.OmpNumThreads,
        NativeLibraries = program?.NativeLibraries,
        Simd = program?.Simd,
        CpuModel = CpuModel.Name,
        RuntimeSettings = RuntimeSettings.ForProgram(threads),
    };

    private static string Platform() =>
        RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "windows"
        : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? "macos"
        : RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? "linux"
        : "other";
}
