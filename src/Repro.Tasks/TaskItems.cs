using System.Globalization;
using Microsoft.Build.Framework;
using Repro.Training;
using Repro.Verbs;

namespace Repro.Tasks;

/// <summary>The items the SDK hands every verb, read into Core's settings: one place that knows their metadata.</summary>
internal static class TaskItems
{
    /// <summary>@(_ReproProject).</summary>
    public static ProjectSettings Project(ITaskItem item) => new(
        Path.GetFullPath(item.ItemSpec),
        Text(item, "RunsDirectory") ?? "runs",
        Text(item, "RegistryDirectory") ?? "registry",
        Text(item, "Remote"),
        int.TryParse(Text(item, "RemoteParallel"), NumberStyles.None, CultureInfo.InvariantCulture, out var parallel) && parallel > 0 ? parallel : 4,
        Text(item, "SdkVersion"));

    /// <summary>@(_ReproProgram).</summary>
    public static ProgramInputs Program(ITaskItem item) => new(
        item.ItemSpec,
        Text(item, "DotnetHost"),
        Text(item, "LockFile") ?? "packages.lock.json",
        Text(item, "AssetsFile"),
        Text(item, "SdkVersion"),
        Text(item, "TargetFramework"),
        Flag(item, "Strict"),
        Text(item, "HashCacheFile"),
        Text(item, "MaxPatchBytes"),
        !string.Equals(Text(item, "MLNet"), "false", StringComparison.OrdinalIgnoreCase));

    private static string? Text(ITaskItem item, string name) => item.GetMetadata(name) is { Length: > 0 } value ? value.Trim() : null;

    private static bool Flag(ITaskItem item, string name) => string.Equals(Text(item, name), "true", StringComparison.OrdinalIgnoreCase);
}
