using System.Globalization;

namespace Repro.Records;

/// <summary>How a record's machine and threads read in reports: the count the program saw beside the machine's.</summary>
public static class EnvironmentText
{
    /// <summary>For example "1 processor of 16 (OMP_NUM_THREADS 1)", or "2 processors" when nothing was pinned.</summary>
    public static string Processors(EnvironmentRecord environment)
    {
        var count = environment.ProcessorCount;
        var text = count.ToString(CultureInfo.InvariantCulture) + (count == 1 ? " processor" : " processors");
        if (environment.HostProcessorCount is { } host && host != count)
        {
            text += " of " + host.ToString(CultureInfo.InvariantCulture);
        }

        return environment.OmpNumThreads is { } omp ? $"{text} (OMP_NUM_THREADS {omp})" : text;
    }

    /// <summary>SIMD and native libraries, for example "avx2 avx sse4.2, Vector&lt;T&gt; 256-bit; lib_lightgbm.so from LightGBM 4.7.0", or null.</summary>
    public static string? Native(EnvironmentRecord environment)
    {
        var parts = new List<string>();
        if (environment.Simd is { } simd)
        {
            parts.Add("SIMD " + simd);
        }

        parts.AddRange((environment.NativeLibraries ?? []).Select(l => $"{l.Name} from {l.Package} {l.Version}"));
        return parts.Count == 0 ? null : string.Join("; ", parts);
    }

    /// <summary>The recorded runtime settings, for example "DOTNET_TieredCompilation=0, DOTNET_gcServer=1", or null when none was set.</summary>
    public static string? Settings(EnvironmentRecord environment) =>
        environment.RuntimeSettings is { Count: > 0 } settings ? string.Join(", ", settings.Select(s => $"{s.Key}={s.Value}")) : null;
}
