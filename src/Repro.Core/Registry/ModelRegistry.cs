using System.Globalization;
using System.Text.Json;
using Repro.Diagnostics;
using Repro.Records;

namespace Repro.Registry;

/// <summary>
/// Named models with numbered versions and movable aliases, kept as small JSON files beside the project so that
/// git can diff and merge them: <c>&lt;model&gt;/versions/&lt;n&gt;.json</c> and <c>&lt;model&gt;/aliases/&lt;alias&gt;.json</c>.
/// A version file is created once and never rewritten; an alias file keeps the history of where it pointed.
/// </summary>
public sealed class ModelRegistry(string directory)
{
    public string Directory { get; } = Path.GetFullPath(directory);

    /// <summary>Makes the run the model's next version. Concurrent registrations get distinct numbers.</summary>
    public ModelVersion Register(string model, Func<int, ModelVersion> version)
    {
        var versions = System.IO.Directory.CreateDirectory(VersionsFolder(ModelName.Check(model))).FullName;
        using (RegistryLock.Acquire(versions))
        {
            var registered = version(VersionNumbers(model).DefaultIfEmpty(0).Max() + 1);
            Write(Path.Combine(versions, registered.Version.ToString(CultureInfo.InvariantCulture) + ".json"), RegistryJson.Serialize(registered), overwrite: false);
            return registered;
        }
    }

    /// <summary>Points an alias at a version, keeping where it pointed before: the history is only ever appended to.</summary>
    /// <param name="by">Who moves it (<see cref="Registrar"/>).</param>
    public ModelAlias Promote(string model, int version, string alias, DateTimeOffset now, string? by = null)
    {
        ModelName.CheckAlias(alias);
        Resolve(model, version.ToString(CultureInfo.InvariantCulture));
        var path = AliasFile(model, alias);
        var folder = System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!).FullName;
        using (RegistryLock.Acquire(folder))
        {
            var before = File.Exists(path) ? ReadAlias(path, model, alias) : null;
            var move = new AliasMove(version, now) { From = before?.Version, By = by };
            var promoted = new ModelAlias(model, alias, version, [.. before?.History ?? [], move]);
            Write(path, RegistryJson.Serialize(promoted), overwrite: true);
            return promoted;
        }
    }

    /// <summary>The version <c>model@version</c> or <c>model@alias</c> names.</summary>
    public ModelVersion Resolve(ModelReference reference) => Resolve(reference.Model, reference.Version);

    /// <summary>The version a number or an alias names.</summary>
    public ModelVersion Resolve(string model, string? versionOrAlias)
    {
        ModelName.Check(model);
        if (!System.IO.Directory.Exists(ModelFolder(model)))
        {
            var known = Models();
            throw new ReproException(ErrorCode.UnknownModel,
                $"the registry has no model '{model}'" + (known.Count == 0
                    ? ": register a run first with -t:Register -p:RunId=<id> -p:Model=" + model + "."
                    : $"; it has: {string.Join(", ", known)}."));
        }

        if (string.IsNullOrWhiteSpace(versionOrAlias))
        {
            throw new ReproException(ErrorCode.UnknownVersion, $"name a version of '{model}': {model}@3, or an alias such as {model}@production.");
        }

        if (versionOrAlias.StartsWith(HashPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return ByHash(model, versionOrAlias[HashPrefix.Length..]);
        }

        var number = int.TryParse(versionOrAlias, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : File.Exists(AliasFile(model, ModelName.CheckAlias(versionOrAlias))) ? ReadAlias(AliasFile(model, versionOrAlias), model, versionOrAlias).Version : 0;
        var path = Path.Combine(VersionsFolder(model), number.ToString(CultureInfo.InvariantCulture) + ".json");
        if (number < 1 || !File.Exists(path))
        {
            throw new ReproException(ErrorCode.UnknownVersion,
                $"'{model}' has no version or alias '{versionOrAlias}'. Versions: {Describe(Versions(model).Select(v => v.Version.ToString(CultureInfo.InvariantCulture)))}; " +
                $"aliases: {Describe(Aliases(model).Select(a => $"{a.Alias} → {a.Version}"))}.");
        }

        return ReadVersion(path, model, number);
    }

    /// <summary>A version named by its model file's hash: <c>iris-classifier@sha256:3f9a1c2b</c>.</summary>
    public const string HashPrefix = "sha256:";

    /// <summary>The shortest hash prefix that names a version, as git's short hashes.</summary>
    public const int ShortestHash = 8;

    /// <summary>The one version whose model file's SHA-256 starts with <paramref name="prefix"/>.</summary>
    private ModelVersion ByHash(string model, string prefix)
    {
        var versions = Versions(model);
        var valid = prefix.Length >= ShortestHash && prefix.All(Uri.IsHexDigit);
        var matches = valid ? versions.Where(v => v.Artifact?.Sha256.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) == true).ToArray() : [];
        return matches.Length == 1 ? matches[0] : throw new ReproException(ErrorCode.UnknownVersion,
            (!valid ? $"'{HashPrefix}{prefix}' is not a hash of at least {ShortestHash} hex digits"
                : matches.Length == 0 ? $"no version of '{model}' serves a model file whose SHA-256 starts with {prefix}"
                : $"{matches.Length} versions of '{model}' have model files whose SHA-256 starts with {prefix}: give more digits") +
            $". Its versions: {Describe(versions.Select(v => $"{v.Version} ({(v.Artifact is { } a ? HashPrefix + a.Sha256[..12] : "registered before hashes were kept")})"))}.");
    }

    public IReadOnlyList<string> Models() => System.IO.Directory.Exists(Directory)
        ? System.IO.Directory.GetDirectories(Directory).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray()
        : [];

    /// <summary>Every version of a model, by number.</summary>
    public IReadOnlyList<ModelVersion> Versions(string model) => VersionNumbers(model)
        .Order()
        .Select(n => ReadVersion(Path.Combine(VersionsFolder(model), n.ToString(CultureInfo.InvariantCulture) + ".json"), model, n))
        .ToArray();

    private IEnumerable<int> VersionNumbers(string model) => System.IO.Directory.Exists(VersionsFolder(model))
        ? System.IO.Directory.GetFiles(VersionsFolder(model), "*.json")
            .Select(f => int.TryParse(Path.GetFileNameWithoutExtension(f), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0)
            .Where(n => n > 0)
        : [];

    public IReadOnlyList<ModelAlias> Aliases(string model) => System.IO.Directory.Exists(Path.Combine(ModelFolder(model), "aliases"))
        ? System.IO.Directory.GetFiles(Path.Combine(ModelFolder(model), "aliases"), "*.json")
            .Select(f => ReadAlias(f, model, Path.GetFileNameWithoutExtension(f)))
            .OrderBy(a => a.Alias, StringComparer.Ordinal)
            .ToArray()
        : [];

    private string ModelFolder(string model) => Path.Combine(Directory, model);

    private string VersionsFolder(string model) => Path.Combine(ModelFolder(model), "versions");

    private string AliasFile(string model, string alias) => Path.Combine(ModelFolder(model), "aliases", alias + ".json");

    /// <summary>Writes beside, then renames: a reader never sees half a file.</summary>
    private static void Write(string path, byte[] bytes, bool overwrite)
    {
        var temporary = Path.Combine(Path.GetDirectoryName(path)!, $".{Guid.NewGuid():N}.tmp");
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, path, overwrite);
    }

    private static string Describe(IEnumerable<string> names) => names.Any() ? string.Join(", ", names) : "none";

    /// <summary>A version file, which must be the version its name and folder say.</summary>
    private static ModelVersion ReadVersion(string path, string model, int number) => Read(path, RegistryJson.Context.ModelVersion, version =>
        version.Model != model ? $"it names model '{StrictJson.Shown(version.Model)}', not '{model}'"
        : version.Version != number ? $"it names version {version.Version}, not {number}"
        : null);

    /// <summary>An alias file, which must point where the last move of its history says.</summary>
    private static ModelAlias ReadAlias(string path, string model, string alias) => Read(path, RegistryJson.Context.ModelAlias, read =>
        read.Model != model ? $"it names model '{StrictJson.Shown(read.Model)}', not '{model}'"
        : !string.Equals(read.Alias, alias, StringComparison.OrdinalIgnoreCase) ? $"it names alias '{StrictJson.Shown(read.Alias)}', not '{alias}'"
        : read.History.Count == 0 || read.History[^1].Version != read.Version ? $"its history does not end at version {read.Version}"
        : null);

    private static T Read<T>(string path, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, Func<T, string?> problem) where T : class
    {
        try
        {
            var read = StrictJson.Deserialize(InputFile.Read(path, StrictJson.ReadFile), type);
            return problem(read) is { } why ? throw new JsonException(why) : read;
        }
        catch (JsonException e)
        {
            throw new ReproException(ErrorCode.DamagedRegistry,
                $"the registry file '{path}' is not valid ({e.Message}): fix it by hand or restore it with 'git checkout -- <file>'. Nothing was changed.");
        }
    }
}
