using System.Diagnostics;
using System.Text.Json;

namespace Repro;

/// <summary>
/// Which packages' native libraries the process has loaded. A native library has no version of its own that .NET can
/// read, but the app's .deps.json says which package (and version) each native asset came from.
/// </summary>
internal static class LoadedNativeLibraries
{
    public static IReadOnlyList<NativeLibrary> Read()
    {
        var assets = NativeAssetsOfPackages();
        if (assets.Count == 0)
        {
            return [];
        }

        var loaded = new SortedDictionary<string, NativeLibrary>(StringComparer.Ordinal);
        using var process = Process.GetCurrentProcess();
        foreach (ProcessModule module in process.Modules)
        {
            var name = Path.GetFileName(module.FileName);
            if (name is not null && assets.TryGetValue(name, out var library))
            {
                loaded[name] = library;
            }
        }

        return loaded.Values.ToArray();
    }

    // File name → package, for every native asset of every package in the app's .deps.json.
    private static Dictionary<string, NativeLibrary> NativeAssetsOfPackages()
    {
        var assets = new Dictionary<string, NativeLibrary>(StringComparer.Ordinal);
        // The host lists the app's and the frameworks' .deps.json files, separated by semicolons on every OS. The
        // frameworks' native files are the runtime's own, whose version the record already holds: only the app's count.
        var depsFiles = (AppContext.GetData("APP_CONTEXT_DEPS_FILES") as string ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries);
        foreach (var depsFile in depsFiles.Where(f => IsInAppFolder(f) && File.Exists(f)))
        {
            using var deps = JsonDocument.Parse(File.ReadAllBytes(depsFile));
            var root = deps.RootElement;
            if (!root.TryGetProperty("targets", out var targets) || !root.TryGetProperty("libraries", out var libraries))
            {
                continue;
            }

            foreach (var target in targets.EnumerateObject())
            {
                foreach (var library in target.Value.EnumerateObject())
                {
                    if (!IsPackage(libraries, library.Name) || library.Name.Split('/') is not [var package, var version])
                    {
                        continue;
                    }

                    foreach (var kind in new[] { "native", "runtimeTargets" })
                    {
                        if (library.Value.TryGetProperty(kind, out var files))
                        {
                            foreach (var file in files.EnumerateObject())
                            {
                                assets.TryAdd(Path.GetFileName(file.Name), new NativeLibrary(Path.GetFileName(file.Name), package, version));
                            }
                        }
                    }
                }
            }
        }

        return assets;
    }

    private static bool IsInAppFolder(string path) =>
        string.Equals(Path.GetFullPath(Path.GetDirectoryName(path)!).TrimEnd(Path.DirectorySeparatorChar),
            Path.GetFullPath(AppContext.BaseDirectory).TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal);

    private static bool IsPackage(JsonElement libraries, string name) =>
        libraries.TryGetProperty(name, out var library) && library.TryGetProperty("type", out var type) && type.GetString() == "package";
}
