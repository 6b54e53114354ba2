using System.Runtime.InteropServices;

namespace Repro;

/// <summary>
/// The contents of <c>runtime.json</c>: what the program itself saw, which the build cannot know — the .NET runtime,
/// the processor count threads are sized from, <c>OMP_NUM_THREADS</c> (native trainers such as LightGBM read it) and
/// the native libraries of packages it loaded.
/// </summary>
public sealed record RuntimeStamp(string Framework, string Version, int ProcessorCount)
{
    /// <summary>OMP_NUM_THREADS as the program saw it, or null when unset.</summary>
    public string? OmpNumThreads { get; init; }

    /// <summary>The vector instructions the program could use, such as "avx2 avx sse4.2, Vector&lt;T&gt; 256-bit".</summary>
    public string? Simd { get; init; }

    /// <summary>Native libraries of packages loaded by the end of the run, sorted by file name; null before the run ends.</summary>
    public IReadOnlyList<NativeLibrary>? NativeLibraries { get; init; }

    /// <summary>
    /// The metric names in the order the program first logged them (metrics.json is sorted by name, so its bytes do
    /// not depend on that order); a sweep without SweepMetric is ranked by the first. Null before the run ends.
    /// </summary>
    public IReadOnlyList<string>? LoggedMetrics { get; init; }

    internal static RuntimeStamp Current() =>
        new(RuntimeInformation.FrameworkDescription, System.Environment.Version.ToString(), System.Environment.ProcessorCount)
        {
            OmpNumThreads = System.Environment.GetEnvironmentVariable("OMP_NUM_THREADS"),
            Simd = SimdSupport.Describe(),
        };
}

/// <summary>A native library a package brought, as loaded by the program: lib_lightgbm.so from LightGBM 3.3.5.</summary>
public sealed record NativeLibrary(string Name, string Package, string Version);
