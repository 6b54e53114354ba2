using Repro.Processes;

namespace Repro.Probes;

/// <summary>
/// The processor's model name, such as "AMD EPYC 7763 64-Core Processor": two machines with the same SIMD can still
/// round differently (FMA, microcode), and the name tells a reader which machine a run was made on. Null when the
/// system does not say; reading it never fails a run.
/// </summary>
public static class CpuModel
{
    private static readonly Lazy<string?> Current = new(Read);

    /// <summary>This machine's, read once per build.</summary>
    public static string? Name => Current.Value;

    /// <summary>The first "model name" of /proc/cpuinfo; ARM kernels often have none.</summary>
    public static string? FromCpuInfo(string cpuInfo)
    {
        foreach (var line in cpuInfo.Split('\n'))
        {
            var colon = line.IndexOf(':');
            if (colon > 0 && line[..colon].Trim() == "model name")
            {
                return Clean(line[(colon + 1)..]);
            }
        }

        return null;
    }

    private static string? Read()
    {
        try
        {
            if (OperatingSystem.IsLinux())
            {
                return File.Exists("/proc/cpuinfo") ? FromCpuInfo(File.ReadAllText("/proc/cpuinfo")) : null;
            }

            if (OperatingSystem.IsMacOS())
            {
                var result = ChildProcess.Run("sysctl", ["-n", "machdep.cpu.brand_string"], Directory.GetCurrentDirectory(), TimeSpan.FromSeconds(10));
                return result.ExitCode == 0 ? Clean(result.StandardOutput) : null;
            }

            if (OperatingSystem.IsWindows())
            {
                using var key = Microsoft.Win32.Registry.LocalMachine.OpenSubKey(@"HARDWARE\DESCRIPTION\System\CentralProcessor\0");
                return Clean(key?.GetValue("ProcessorNameString") as string ?? Environment.GetEnvironmentVariable("PROCESSOR_IDENTIFIER"));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception or System.Security.SecurityException)
        {
        }

        return null;
    }

    // Intel pads its brand string with runs of spaces.
    private static string? Clean(string? name)
    {
        var words = name?.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return words is { Length: > 0 } ? string.Join(' ', words) : null;
    }
}
