using System.Text.Json;

namespace Repro.Probes;

/// <summary>
/// The .NET runtime a program will run on, as far as it can be known before it runs: the shared frameworks its
/// runtimeconfig.json asks for, with their roll-forward policy, and the versions of them installed beside the dotnet
/// host that the host may pick among. Rather than re-implement the host's choice, this names every candidate: a
/// runtime installed or removed changes it, and so does anything that could change the host's pick.
/// </summary>
public static class ProgramRuntime
{
    private const string CoreFramework = "Microsoft.NETCore.App";

    // What the host reads besides runtimeconfig.json when it picks a version.
    private static readonly string[] RollForwardVariables =
        ["DOTNET_ROLL_FORWARD", "DOTNET_ROLL_FORWARD_ON_NO_CANDIDATE_FX", "DOTNET_ROLL_FORWARD_TO_PRERELEASE"];

    // Only these policies let the host leave the requested major version (the last is the legacy setting's value 2).
    private static readonly string[] AnyMajorPolicies = ["Major", "LatestMajor", "rollForwardOnNoCandidateFx=2"];

    /// <param name="programPath">The built assembly; its runtimeconfig.json is beside it.</param>
    /// <param name="dotnetHost">The dotnet executable that will run it.</param>
    public static string Describe(string programPath, string dotnetHost)
    {
        string? runtimeConfig = null;
        try
        {
            runtimeConfig = File.ReadAllText(Path.ChangeExtension(programPath, ".runtimeconfig.json"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Described as missing: the program cannot start without it anyway.
        }

        var root = DotnetRoot(dotnetHost);
        return Describe(runtimeConfig, name => Installed(root, name), Environment.GetEnvironmentVariable);
    }

    /// <param name="installed">The installed versions of a shared framework, by name.</param>
    internal static string Describe(string? runtimeConfig, Func<string, IEnumerable<string>> installed, Func<string, string?> environment)
    {
        var references = References(runtimeConfig, out var selfContained);
        if (references is null)
        {
            return "no readable runtimeconfig.json";
        }

        if (selfContained)
        {
            return "self-contained " + string.Join("; ", references.Select(r => $"{r.Name} {r.Version}"));
        }

        var variables = RollForwardVariables.Where(v => !string.IsNullOrEmpty(environment(v))).Select(v => $"{v}={environment(v)}").ToArray();
        var anyMajor = variables.Length > 0 || references.Any(r => AnyMajorPolicies.Contains(r.RollForward, StringComparer.OrdinalIgnoreCase));
        var majors = references.Select(r => Major(r.Version)).ToHashSet(StringComparer.Ordinal);
        var names = references.Select(r => r.Name).Append(CoreFramework).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

        var parts = new List<string>();
        foreach (var name in names)
        {
            var candidates = installed(name).Where(v => anyMajor || majors.Contains(Major(v))).Order(StringComparer.Ordinal);
            var requested = string.Concat(references.Where(r => r.Name == name).Select(r => $" {r.Version} ({r.RollForward})"));
            parts.Add($"{name}{requested} of {string.Join(" ", candidates.DefaultIfEmpty("none installed"))}");
        }

        return string.Join("; ", parts.Concat(variables));
    }

    private static List<(string Name, string Version, string RollForward)>? References(string? runtimeConfig, out bool selfContained)
    {
        selfContained = false;
        if (runtimeConfig is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(runtimeConfig);
            if (!document.RootElement.TryGetProperty("runtimeOptions", out var options) || options.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var policy = Policy(options, "Minor");
            var references = new List<(string, string, string)>();
            foreach (var property in new[] { "framework", "frameworks", "includedFrameworks" })
            {
                if (!options.TryGetProperty(property, out var value))
                {
                    continue;
                }

                selfContained |= property == "includedFrameworks";
                foreach (var framework in value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().ToArray() : [value])
                {
                    references.Add((Text(framework, "name"), Text(framework, "version"), Policy(framework, policy)));
                }
            }

            return references.Count == 0 ? null : references;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private static string Policy(JsonElement element, string inherited) =>
        element.TryGetProperty("rollForward", out var rollForward) ? rollForward.ToString()
        : element.TryGetProperty("rollForwardOnNoCandidateFx", out var legacy) ? "rollForwardOnNoCandidateFx=" + legacy
        : inherited;

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.ToString() : "?";

    private static string Major(string version) => version.Split('.')[0];

    private static IEnumerable<string> Installed(string? root, string framework)
    {
        var folder = root is null ? null : Path.Combine(root, "shared", framework);
        return folder is not null && Directory.Exists(folder) ? Directory.GetDirectories(folder).Select(Path.GetFileName).OfType<string>() : [];
    }

    /// <summary>The folder of the dotnet installation: the host's own (through a symbolic link such as /usr/bin/dotnet), else the build's.</summary>
    private static string? DotnetRoot(string dotnetHost)
    {
        if (Path.IsPathRooted(dotnetHost) && File.Exists(dotnetHost))
        {
            var host = new FileInfo(dotnetHost).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? dotnetHost;
            var folder = Path.GetDirectoryName(host);
            if (folder is not null && Directory.Exists(Path.Combine(folder, "shared")))
            {
                return folder;
            }
        }

        // The build runs on the same installation: <root>/shared/Microsoft.NETCore.App/<version>/. (The runtime's own
        // answer, not its CoreLib's location: that is empty in a Native AOT app, the tool.)
        var runtime = Path.TrimEndingDirectorySeparator(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory());
        return runtime.Length == 0 ? null : Path.GetFullPath(Path.Combine(runtime, "..", "..", ".."));
    }
}
