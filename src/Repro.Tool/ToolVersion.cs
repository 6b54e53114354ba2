using System.Reflection;

namespace Repro.Tool;

/// <summary>The tool's own release, as its package is versioned (0.1.0), without the source revision.</summary>
public static class ToolVersion
{
    public static readonly string Current = Read();

    private static string Read()
    {
        var informational = typeof(ToolVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? informational : informational[..plus];
    }
}
