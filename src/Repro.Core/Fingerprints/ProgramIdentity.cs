using System.Text;
using System.Text.Json;
using Repro.Diagnostics;

namespace Repro.Fingerprints;

/// <summary>One file the program loads from its output folder: path relative to that folder, with '/'.</summary>
public sealed record ProgramFile(string Path, string Sha256);

/// <summary>
/// What code a run ran: every file the program loads from its output folder — the app assembly, the app-local
/// assets its <c>.deps.json</c> lists (project references, package runtime and native assets, RID-specific assets
/// and satellite assemblies present in the folder) and its <c>.runtimeconfig.json</c> — hashed, sorted by path.
/// </summary>
public static class ProgramIdentity
{
    /// <summary>The files the program at <paramref name="assemblyPath"/> loads, hashed and sorted by path, ordinal.</summary>
    /// <param name="sha256">How a file is hashed: <see cref="FileHash.Sha256"/>, or through a <see cref="HashCache"/>.</param>
    public static IReadOnlyList<ProgramFile> Files(string assemblyPath, Func<string, string>? sha256 = null)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(assemblyPath))!;
        return LoadedPaths(assemblyPath)
            .Select(path => new ProgramFile(path, InputFile.Read(Path.Combine(folder, path), sha256 ?? FileHash.Sha256)))
            .ToArray();
    }

    /// <summary>
    /// The program's digest: SHA-256 of the UTF-8 lines "&lt;sha256&gt;  &lt;path&gt;\n", one per file in ordinal path
    /// order — what <c>sha256sum</c> prints for those files, so anyone can recompute it.
    /// </summary>
    public static string Digest(IEnumerable<ProgramFile> files)
    {
        var listing = new StringBuilder();
        foreach (var file in files.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            listing.Append(file.Sha256).Append("  ").Append(file.Path).Append('\n');
        }

        return FileHash.Sha256Bytes(Encoding.UTF8.GetBytes(listing.ToString()));
    }

    /// <summary>The paths, relative to the output folder, of the files the program loads from it.</summary>
    public static IReadOnlyList<string> LoadedPaths(string assemblyPath)
    {
        var full = Path.GetFullPath(assemblyPath);
        var folder = Path.GetDirectoryName(full)!;
        var name = Path.GetFileNameWithoutExtension(full);
        var paths = new SortedSet<string>(StringComparer.Ordinal) { Path.GetFileName(full) };
        var runtimeConfig = name + ".runtimeconfig.json";
        if (File.Exists(Path.Combine(folder, runtimeConfig)))
        {
            paths.Add(runtimeConfig);
        }

        // Without a deps.json the host loads only the app and what sits beside it as it asks; the app is what we know.
        var deps = Path.Combine(folder, name + ".deps.json");
        if (File.Exists(deps))
        {
            foreach (var asset in DepsAssets(deps))
            {
                var present = File.Exists(Path.Combine(folder, asset.Path));
                if (present)
                {
                    paths.Add(asset.Path);
                }
                else if (asset.Required)
                {
                    throw new ReproException(ErrorCode.ProgramFileMissing,
                        $"'{asset.Path}' is listed in '{Path.GetFileName(deps)}' (from {asset.Library}) but is not in the program's output folder " +
                        $"'{folder}', so the program's code cannot be hashed: rebuild the project, and keep CopyLocalLockFileAssemblies on.");
                }
            }
        }

        return paths.ToArray();
    }

    /// <param name="Required">The host would load it from the output folder; optional assets (other RIDs, cultures) may be absent.</param>
    private sealed record Asset(string Path, string Library, bool Required);

    private static List<Asset> DepsAssets(string depsPath)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(depsPath));
            var target = RuntimeTarget(document.RootElement, depsPath);
            var assets = new List<Asset>();
            foreach (var library in target.EnumerateObject())
            {
                if (library.Value.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                // runtime and native assets are found by file name in the app folder; RID-specific and culture
                // assets keep their relative folder, and only the ones for this machine's RID and culture load.
                foreach (var key in Keys(library.Value, "runtime").Concat(Keys(library.Value, "native")))
                {
                    assets.Add(new Asset(FileName(key, depsPath), library.Name, Required: true));
                }

                foreach (var key in Keys(library.Value, "runtimeTargets"))
                {
                    assets.Add(new Asset(Relative(key, depsPath), library.Name, Required: false));
                }

                foreach (var resource in Entries(library.Value, "resources"))
                {
                    var locale = resource.Value.ValueKind == JsonValueKind.Object && resource.Value.TryGetProperty("locale", out var l) ? l.GetString() : null;
                    var file = FileName(resource.Name, depsPath);
                    var path = string.IsNullOrEmpty(locale) ? file : locale + "/" + file;
                    assets.Add(new Asset(Relative(path, depsPath), library.Name, Required: false));
                }
            }

            return assets;
        }
        catch (JsonException e)
        {
            throw BadDeps(depsPath, "it is not valid JSON: " + e.Message, e);
        }
        catch (InvalidOperationException e)
        {
            throw BadDeps(depsPath, "a value has the wrong type: " + e.Message, e);
        }
    }

    private static JsonElement RuntimeTarget(JsonElement root, string depsPath)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("targets", out var targets) || targets.ValueKind != JsonValueKind.Object)
        {
            throw BadDeps(depsPath, "it has no \"targets\" object");
        }

        if (root.TryGetProperty("runtimeTarget", out var runtimeTarget) && runtimeTarget.ValueKind == JsonValueKind.Object &&
            runtimeTarget.TryGetProperty("name", out var name) && name.GetString() is { } targetName)
        {
            return targets.TryGetProperty(targetName, out var named) && named.ValueKind == JsonValueKind.Object
                ? named
                : throw BadDeps(depsPath, $"its runtime target '{targetName}' is not among its targets");
        }

        var all = targets.EnumerateObject().ToArray();
        return all.Length == 1 && all[0].Value.ValueKind == JsonValueKind.Object
            ? all[0].Value
            : throw BadDeps(depsPath, "it names no runtime target and has more than one target");
    }

    private static IEnumerable<string> Keys(JsonElement library, string section) => Entries(library, section).Select(e => e.Name);

    private static IEnumerable<JsonProperty> Entries(JsonElement library, string section) =>
        library.TryGetProperty(section, out var assets) && assets.ValueKind == JsonValueKind.Object ? assets.EnumerateObject() : [];

    private static string FileName(string assetPath, string depsPath) =>
        Path.GetFileName(assetPath.Replace('\\', '/')) is { Length: > 0 } name ? name : throw BadDeps(depsPath, $"the asset path '{assetPath}' names no file");

    // A path that leaves the output folder is nothing the host loads from it, and nothing we should read.
    private static string Relative(string path, string depsPath)
    {
        var normalized = path.Replace('\\', '/');
        if (Path.IsPathRooted(normalized) || normalized.Split('/').Any(part => part is ".." or ""))
        {
            throw BadDeps(depsPath, $"the asset path '{path}' is not inside the output folder");
        }

        return normalized;
    }

    private static ReproException BadDeps(string depsPath, string why, Exception? inner = null) =>
        new(ErrorCode.BadDepsFile, $"the program's '{depsPath}' cannot be read ({why}), so the program's code cannot be hashed: rebuild the project.", inner);
}
