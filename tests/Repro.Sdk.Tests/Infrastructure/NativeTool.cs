using System.Runtime.InteropServices;

namespace Repro.Sdk.Tests.Infrastructure;

/// <summary>
/// dotnet repro as its linux-x64 package has it: Native AOT, trimmed, no JIT. Published once per test run into the
/// run's own folder, in Debug, from the references the test run already built: trimmed as in Release, without a Release
/// build of every project it references.
/// </summary>
internal static class NativeTool
{
    private static readonly Lazy<string> Published = new(Publish);

    /// <summary>Whether this machine runs the linux-x64 package: elsewhere the portable one, tested as built.</summary>
    public static bool Runs => OperatingSystem.IsLinux() && RuntimeInformation.OSArchitecture == Architecture.X64;

    public static string Path => Published.Value;

    private static string Publish()
    {
        // After the feed: its pack builds the same project for linux-x64 (without AOT) in the same obj folder.
        var root = System.IO.Path.Combine(PackedSdk.Feed.Root, "native-tool");
        Dotnet.Run(RepositoryRoot.Path, null, "publish", "src/Repro.Tool/Repro.Tool.csproj", "-c", "Debug", "-r", "linux-x64",
            "-p:BuildProjectReferences=false", "-o", root, "-nologo", "-v:m").Succeeded();
        var tool = System.IO.Path.Combine(root, "Repro.Tool");
        Assert.IsTrue(File.Exists(tool), $"the native tool is not at {tool}");
        return tool;
    }
}
