using System.Globalization;

namespace Repro.Sdk.Tests.Infrastructure;

/// <summary>
/// Repro packed once per test run into a temporary feed, with a version of its own, and restored into a package
/// folder of its own: NuGet never extracts a version twice, so reusing either would test an older build.
/// </summary>
internal static class PackedSdk
{
    private static readonly Lazy<Feed> Packed = new(Pack);

    public static Feed Feed => Packed.Value;

    private static readonly string Trash = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "repro-it", ".trash");

    /// <summary>
    /// Moves this run's folder aside at once, so the end of a run does not wait on deleting its packages and projects.
    /// The next run deletes what is there while it packs (<see cref="EmptyTheTrash"/>).
    /// </summary>
    public static void DeleteIfPacked()
    {
        if (Packed.IsValueCreated && Directory.Exists(Packed.Value.Root))
        {
            Directory.CreateDirectory(Trash);
            Directory.Move(Packed.Value.Root, System.IO.Path.Combine(Trash, System.IO.Path.GetFileName(Packed.Value.Root)));
        }
    }

    /// <summary>Deletes earlier runs' folders beside this run's work; a folder some other run still holds is left for later.</summary>
    public static Task EmptyTheTrash() => Task.Run(() =>
    {
        foreach (var folder in Directory.Exists(Trash) ? Directory.GetDirectories(Trash) : [])
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Left for the next run.
            }
        }
    });

    private static Feed Pack()
    {
        var root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "repro-it", Guid.NewGuid().ToString("N"));
        var version = "0.1.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
        var feed = Directory.CreateDirectory(System.IO.Path.Combine(root, "feed")).FullName;
        // One build packs them all: each project shared by several packages is evaluated and built once, not once a pack.
        var projects = string.Concat(Packages.Select(p => $"<Package Include=\"{System.IO.Path.Combine(RepositoryRoot.Path, p)}\" />"));
        // The build the test run already made (Debug), packed under a version of the feed's own: PackageVersion leaves the
        // assemblies as built, so nothing is compiled again but the tool, which names its package's version. The tool's
        // linux-x64 package is framework-dependent here: Native AOT is published once, apart (NativeTool), not into the feed
        // every test installing a tool would wait for.
        var properties = $"Configuration=Debug;PackageVersion={version};PublishAot=false;PackageOutputPath={feed}{System.IO.Path.DirectorySeparatorChar}";
        var packAll = System.IO.Path.Combine(root, "pack.proj");
        File.WriteAllText(packAll, $"""
            <Project>
              <ItemGroup>{projects}</ItemGroup>
              <Target Name="Restore"><MSBuild Projects="@(Package)" Targets="Restore" Properties="{properties}" /></Target>
              <Target Name="Pack"><MSBuild Projects="@(Package)" Targets="Pack" Properties="{properties}" BuildInParallel="true" /></Target>
            </Project>
            """);
        Dotnet.Run(RepositoryRoot.Path, null, "msbuild", packAll, "-restore", "-t:Pack", "-m", "-nologo", "-v:m").Succeeded();

        var globalPackages = Dotnet.Run(RepositoryRoot.Path, null, "nuget", "locals", "global-packages", "--list").Succeeded()
            .Output.Split(':', 2)[1].Trim();
        return new Feed(root, feed, System.IO.Path.Combine(root, "packages"), globalPackages, version);
    }

    private static readonly string[] Packages =
    [
        "src/Repro.Runtime/Repro.Runtime.csproj", "src/Repro.Learn/Repro.Learn.csproj", "src/Repro.MLNet/Repro.MLNet.csproj", "src/Repro.Sdk/Repro.Sdk.csproj",
        "src/Repro.Templates/Repro.Templates.csproj", "src/Repro.Core/Repro.Core.csproj", "src/Repro.Remotes.Azure/Repro.Remotes.Azure.csproj",
        "src/Repro.Models/Repro.Models.csproj", "src/Repro.Tool/Repro.Tool.csproj",
    ];
}

/// <param name="Root">A temporary folder for everything of this test run.</param>
/// <param name="Path">The folder feed holding the packed packages.</param>
/// <param name="Packages">The NuGet packages folder the test projects restore into.</param>
/// <param name="GlobalPackages">The machine's own packages folder, read as a fallback so nothing is downloaded twice.</param>
internal sealed record Feed(string Root, string Path, string Packages, string GlobalPackages, string Version)
{
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string> { ["NUGET_PACKAGES"] = Packages };

    public string NuGetConfig => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <add key="repro-under-test" value="{Path}" />
          </packageSources>
          <fallbackPackageFolders>
            <add key="machine" value="{GlobalPackages}" />
          </fallbackPackageFolders>
        </configuration>
        """;
}
