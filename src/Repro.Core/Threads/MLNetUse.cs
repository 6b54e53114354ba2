using System.Text.Json;
using Repro.Diagnostics;

namespace Repro.Threads;

/// <summary>
/// Whether a program runs ML.NET, as restore resolved it: the package Microsoft.ML (every ML.NET package depends on it)
/// anywhere in the closure of the project's <c>project.assets.json</c>, whether the project references it, another
/// package brings it, or a referenced library does. The one rule Train (the processor count it pins), Reproduce (what it
/// says of a divergence) and the cache key (through that count) go by.
/// </summary>
/// <param name="Version">The Microsoft.ML version restore chose.</param>
/// <param name="Via">How it reaches the project: null for a direct reference, else the package or project it comes through.</param>
/// <param name="HasReproMLNet">Whether Repro.MLNet (seeded contexts, canonical models) is in the closure too.</param>
public sealed record MLNetUse(string Version, string? Via, bool HasReproMLNet)
{
    public const string Package = "Microsoft.ML";

    /// <summary>"ML.NET 5.0.1 (through project Pipeline)".</summary>
    public override string ToString() => $"ML.NET {Version}" + (Via is null ? "" : $" (through {Via})");

    /// <summary>
    /// Warns (REPRO1007) when ML.NET reaches the program some other way than a reference of its own (a library, another
    /// package), so the SDK could not add Repro.MLNet beside it: a reference is added when the project is read, and only
    /// restore knows what a library brings.
    /// </summary>
    /// <param name="implicitMLNet">$(ReproMLNet): false says the project wants no Repro.MLNet.</param>
    public void WarnWithoutReproMLNet(bool implicitMLNet, IRunLog log)
    {
        if (HasReproMLNet || !implicitMLNet)
        {
            return;
        }

        log.Warning(ErrorCode.MLNetWithoutReproMLNet,
            $"the program runs {this}, and Repro.MLNet does not reach it, so run.CreateMLContext(), run.TrainTestSplit() and run.SaveModel() are missing: " +
            "add <PackageReference Include=\"Repro.MLNet\" Version=\"$(ReproSdkVersion)\" /> to the project (the SDK adds it itself only beside a reference " +
            "to ML.NET of the project's own), or set <ReproMLNet>false</ReproMLNet>. Its runs are pinned to one processor all the same.");
    }

    /// <summary>ML.NET in the closure of <paramref name="assetsFile"/> for <paramref name="targetFramework"/>, or null: no ML.NET, or no assets file yet.</summary>
    /// <exception cref="ReproException">REPRO0035 when the file exists and cannot be read.</exception>
    public static MLNetUse? Find(string? assetsFile, string? targetFramework)
    {
        if (string.IsNullOrEmpty(assetsFile) || !File.Exists(assetsFile))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(InputFile.Read(assetsFile, File.ReadAllBytes));
            return Find(document.RootElement, targetFramework);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            // Not NuGet's file as restore writes it: restore again rewrites it; until then nothing is known of ML.NET.
            throw new ReproException(ErrorCode.UnreadableFile,
                $"restore's '{assetsFile}' cannot be read ({e.Message}), so Repro cannot tell whether the program uses ML.NET: restore the project again.", e);
        }
    }

    internal static MLNetUse? Find(JsonElement assets, string? targetFramework)
    {
        var targets = assets.GetProperty("targets");
        // The target of the framework itself, not a runtime-specific one ("net10.0/linux-x64").
        var target = targets.EnumerateObject().FirstOrDefault(t => t.Name == targetFramework).Value is { ValueKind: JsonValueKind.Object } exact
            ? exact
            : targets.EnumerateObject().FirstOrDefault(t => !t.Name.Contains('/')).Value;
        if (target.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        // Library name (case-insensitive, as NuGet's ids) → its version, kind and dependencies.
        var libraries = new Dictionary<string, Library>(StringComparer.OrdinalIgnoreCase);
        foreach (var library in target.EnumerateObject())
        {
            var slash = library.Name.IndexOf('/');
            var dependencies = library.Value.TryGetProperty("dependencies", out var d) && d.ValueKind == JsonValueKind.Object
                ? d.EnumerateObject().Select(p => p.Name).Order(StringComparer.OrdinalIgnoreCase).ToArray()
                : [];
            var type = library.Value.TryGetProperty("type", out var t) ? t.GetString() ?? "" : "";
            var name = slash < 0 ? library.Name : library.Name[..slash];
            libraries[name] = new Library(name, slash < 0 ? "" : library.Name[(slash + 1)..], type, dependencies);
        }

        if (!libraries.TryGetValue(Package, out var mlnet))
        {
            return null;
        }

        return new MLNetUse(mlnet.Version, Through(DirectDependencies(assets, targetFramework), libraries), libraries.ContainsKey("Repro.MLNet"));
    }

    /// <summary>What the project itself references, in the order restore lists them ("Microsoft.ML >= 5.0.1").</summary>
    private static IEnumerable<string> DirectDependencies(JsonElement assets, string? targetFramework)
    {
        if (!assets.TryGetProperty("projectFileDependencyGroups", out var groups) || groups.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        var group = groups.EnumerateObject().FirstOrDefault(g => g.Name == targetFramework).Value is { ValueKind: JsonValueKind.Array } exact
            ? exact
            : groups.EnumerateObject().FirstOrDefault().Value;
        return group.ValueKind == JsonValueKind.Array ? group.EnumerateArray().Select(e => (e.GetString() ?? "").Split(' ')[0]).ToArray() : [];
    }

    /// <summary>
    /// Null when the project references Microsoft.ML itself; else the first of its own references (in their order, then
    /// breadth first) through which it arrives: "package Microsoft.ML.LightGbm", "project Pipeline".
    /// </summary>
    private static string? Through(IEnumerable<string> direct, Dictionary<string, Library> libraries)
    {
        var roots = direct.Where(libraries.ContainsKey).ToArray();
        if (roots.Contains(Package, StringComparer.OrdinalIgnoreCase))
        {
            return null;
        }

        foreach (var root in roots)
        {
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { root };
            var queue = new Queue<string>([root]);
            while (queue.TryDequeue(out var name))
            {
                if (string.Equals(name, Package, StringComparison.OrdinalIgnoreCase))
                {
                    return $"{libraries[root].Type} {libraries[root].Name}";
                }

                foreach (var next in libraries.TryGetValue(name, out var library) ? library.Dependencies : [])
                {
                    if (seen.Add(next))
                    {
                        queue.Enqueue(next);
                    }
                }
            }
        }

        return "a dependency of a dependency";
    }

    private sealed record Library(string Name, string Version, string Type, string[] Dependencies);
}
