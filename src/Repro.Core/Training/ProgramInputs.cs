namespace Repro.Training;

/// <summary>
/// The program Train and Reproduce run, and what its runs are stamped with: the SDK's <c>@(_ReproProgram)</c> item.
/// </summary>
/// <param name="ProgramPath">$(TargetPath): the built experiment assembly.</param>
/// <param name="DotnetHost">The dotnet executable that runs it; null for "dotnet" on the PATH.</param>
/// <param name="LockFile">packages.lock.json (or $(NuGetLockFilePath)), relative to the project or absolute.</param>
/// <param name="AssetsFile">Restore's project.assets.json: whether the program runs ML.NET.</param>
/// <param name="Strict">$(ReproStrict): the CI gate.</param>
/// <param name="HashCacheFile">$(ReproHashCacheFile); null to hash data every time.</param>
/// <param name="MaxPatchBytes">$(ReproMaxPatchBytes) as written; null for 10 MB.</param>
/// <param name="ImplicitMLNet">$(ReproMLNet): false when the user wants no Repro.MLNet, and so no warning that it is missing.</param>
public sealed record ProgramInputs(
    string ProgramPath,
    string? DotnetHost = null,
    string LockFile = "packages.lock.json",
    string? AssetsFile = null,
    string? SdkVersion = null,
    string? TargetFramework = null,
    bool Strict = false,
    string? HashCacheFile = null,
    string? MaxPatchBytes = null,
    bool ImplicitMLNet = true);
