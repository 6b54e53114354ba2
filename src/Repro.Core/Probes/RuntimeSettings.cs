using System.Collections;
using Repro.Threads;

namespace Repro.Probes;

/// <summary>
/// The .NET runtime settings a run records because they can change its numbers: instruction sets and vector widths
/// (a vectorised sum adds in another order), tiering and ReadyToRun (precompiled library code may take a narrower
/// vector path than tier-1 code), the processor count and the GC mode. Only the exact names of <see cref="Names"/>,
/// each under <c>DOTNET_</c> and <c>COMPlus_</c>, are ever read; nothing else from the environment reaches a record,
/// whatever its name looks like.
/// </summary>
public static class RuntimeSettings
{
    /// <summary>The prefixes the runtime reads a setting under; DOTNET_ wins when both are set.</summary>
    public static readonly IReadOnlyList<string> Prefixes = ["DOTNET_", "COMPlus_"];

    /// <summary>The settings, as the runtime spells them (dotnet/runtime's clrconfigvalues.h and jitconfigvalues.h, .NET 8 to 10).</summary>
    public static readonly IReadOnlyList<string> Names =
    [
        // Instruction sets that decide vector and floating-point code paths (x86/x64; .NET 10 grouped some of them).
        "EnableHWIntrinsic", "EnableSSE", "EnableSSE2", "EnableSSE3", "EnableSSSE3", "EnableSSE3_4", "EnableSSE41", "EnableSSE42",
        "EnableAVX", "EnableAVX2", "EnableFMA", "EnableBMI1", "EnableBMI2", "EnableLZCNT", "EnablePOPCNT",
        "EnableAVX512", "EnableAVX512F", "EnableAVX512F_VL", "EnableAVX512BW", "EnableAVX512BW_VL", "EnableAVX512CD",
        "EnableAVX512CD_VL", "EnableAVX512DQ", "EnableAVX512DQ_VL", "EnableAVX512VBMI", "EnableAVX512VBMI_VL",
        "EnableAVX512v2", "EnableAVX512v3", "EnableAVX10v1", "EnableAVX10v2", "EnableAVXVNNI", "EnableAVXIFMA",
        // Arm64.
        "EnableArm64AdvSimd", "EnableArm64Dp", "EnableArm64Rdm", "EnableArm64Sve", "EnableArm64Sve2",
        // Vector widths.
        "FeatureSIMD", "PreferredVectorBitWidth", "MaxVectorTBitWidth",
        // Which code runs: tiering, profile-guided optimisation, precompiled code.
        "TieredCompilation", "TC_QuickJit", "TC_QuickJitForLoops", "TieredPGO", "ReadyToRun",
        // Threads and the GC.
        "PROCESSOR_COUNT", "gcServer", "GCHeapCount",
    ];

    private static readonly Dictionary<string, string> Exact = Variables(StringComparer.Ordinal);
    private static readonly Dictionary<string, string> AnyCase = Variables(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The settings the program is started with: this process's environment with the thread variables Train pins
    /// laid over it. The record and the cache key (<see cref="ForKey"/>) both come from it, so they say the same.
    /// </summary>
    public static SortedDictionary<string, string> ForProgram(ThreadSettings? threads)
    {
        var environment = new List<KeyValuePair<string, string>>();
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string name && entry.Value is string value && threads?.Removes(name) != true)
            {
                environment.Add(new(name, value));
            }
        }

        return From(environment, threads?.Variables(), OperatingSystem.IsWindows());
    }

    /// <summary>The allowlisted settings among <paramref name="environment"/>, under the names the runtime reads.</summary>
    /// <param name="overrides">Variables set for the program, replacing the environment's.</param>
    /// <param name="ignoreCase">Whether variable names are case-insensitive, as on Windows, where the runtime reads any case.</param>
    public static SortedDictionary<string, string> From(
        IEnumerable<KeyValuePair<string, string>> environment, IReadOnlyDictionary<string, string>? overrides, bool ignoreCase)
    {
        var allowed = ignoreCase ? AnyCase : Exact;
        var settings = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in environment.Concat(overrides ?? new Dictionary<string, string>()))
        {
            // An empty value is no setting: the runtime falls back to its default.
            if (allowed.TryGetValue(name, out var canonical) && value.Length > 0)
            {
                settings[canonical] = value;
            }
        }

        return settings;
    }

    /// <summary>
    /// The settings that identify a run beside its processor count: the key holds the count the program will see, so
    /// DOTNET_PROCESSOR_COUNT=2 on a two-processor machine trains nothing new.
    /// </summary>
    public static SortedDictionary<string, string> ForKey(ThreadSettings? threads) =>
        new(ForProgram(threads).Where(s => !IsProcessorCount(s.Key)).ToDictionary(s => s.Key, s => s.Value), StringComparer.Ordinal);

    /// <summary>Whether <paramref name="variable"/> (a recorded name) sets the processor count, which a record holds in its own right.</summary>
    public static bool IsProcessorCount(string variable) =>
        Prefixes.Any(prefix => variable == prefix + "PROCESSOR_COUNT");

    private static Dictionary<string, string> Variables(StringComparer comparer) =>
        Prefixes.SelectMany(prefix => Names.Select(name => prefix + name)).ToDictionary(variable => variable, comparer);
}
