using System.Text.Json;
using System.Text.Json.Serialization;
using Repro.Diagnostics;
using Repro.Profiles;
using Repro.Records;

namespace Repro.Fingerprints;

/// <summary>
/// Data hashes remembered between builds (in the project's obj/ folder): a file whose size, last-write time and file
/// id are what they were when it was hashed is not read again. The file is only ever replaced whole, by a rename, so
/// two builds at once never read half of one; one that cannot be read is ignored and rebuilt, never trusted.
/// </summary>
public sealed class HashCache
{
    private const int Version = 1;

    // A file written within the file system's time grain of its hashing could change again without its time
    // changing (git's "racily clean" files): such a hash is used in this build but not remembered.
    private static readonly TimeSpan Settled = TimeSpan.FromSeconds(2);

    private readonly string _path;
    private readonly Func<string, string> _hash;
    private readonly Func<string, ProfileOptions, ProfiledFile> _profile;
    private readonly SortedDictionary<string, HashCacheEntry> _entries;
    private readonly SortedDictionary<string, HashCacheEntry> _added = new(StringComparer.Ordinal);

    private HashCache(string path, Func<string, string> hash, Func<string, ProfileOptions, ProfiledFile> profile, SortedDictionary<string, HashCacheEntry> entries)
    {
        _path = path;
        _hash = hash;
        _profile = profile;
        _entries = entries;
    }

    /// <summary>Reads the cache at <paramref name="path"/>; a missing one is empty, a corrupt one is empty with warning REPRO1003.</summary>
    /// <param name="hash">How a file is hashed on a miss; <see cref="FileHash.Sha256"/> unless a test counts the reads.</param>
    /// <param name="profile">How a file is profiled on a miss; <see cref="Profiler.Read(string, ProfileOptions)"/> unless a test counts the reads.</param>
    public static HashCache Open(string path, IRunLog log, Func<string, string>? hash = null, Func<string, ProfileOptions, ProfiledFile>? profile = null)
    {
        var full = Path.GetFullPath(path);
        var entries = Load(full, out var problem);
        if (problem is not null)
        {
            log.Warning(ErrorCode.HashCacheCorrupt,
                $"the hash cache '{full}' cannot be read ({problem}): it is ignored and rebuilt, so this build reads every data file again.");
        }

        return new HashCache(full, hash ?? FileHash.Sha256, profile ?? Profiler.Read, entries ?? new(StringComparer.Ordinal));
    }

    /// <summary>The hashes read from the cache file or added since, by path.</summary>
    internal IReadOnlyCollection<HashCacheEntry> Entries => _entries.Values;

    /// <summary>The SHA-256 of a file, from the cache when its stat is unchanged, else read and hashed.</summary>
    public string Sha256(string path)
    {
        var full = Path.GetFullPath(path);
        var before = FileStat.Read(full);
        if (_entries.TryGetValue(full, out var entry) && entry.Stat == before)
        {
            return entry.Sha256;
        }

        var hashedAt = DateTime.UtcNow.Ticks;
        var sha256 = _hash(full);
        var after = FileStat.Read(full);
        if (after == before && hashedAt - before.LastWriteUtcTicks >= Settled.Ticks)
        {
            var added = new HashCacheEntry(full, before.Bytes, before.LastWriteUtcTicks, before.FileId, sha256);
            _entries[full] = added;
            _added[full] = added;
        }

        return sha256;
    }

    /// <summary>
    /// The SHA-256 and profile of a data file, from the cache when its stat is unchanged and it was profiled with the same
    /// options by this profiler version, else read once for both. On a hit the row fingerprints are not read again
    /// (<see cref="ProfiledFile.Rows"/> is null): the run store kept them when the file was first profiled.
    /// </summary>
    public ProfiledFile Profile(string path, ProfileOptions options)
    {
        var full = Path.GetFullPath(path);
        var before = FileStat.Read(full);
        if (_entries.TryGetValue(full, out var entry) && entry.Stat == before
            && entry.Profile is { ProfilerVersion: Profiler.Version } profile && entry.ProfiledWith == options)
        {
            return new ProfiledFile(entry.Sha256, profile, null);
        }

        var readAt = DateTime.UtcNow.Ticks;
        var profiled = _profile(full, options);
        var after = FileStat.Read(full);
        if (after == before && readAt - before.LastWriteUtcTicks >= Settled.Ticks)
        {
            var added = new HashCacheEntry(full, before.Bytes, before.LastWriteUtcTicks, before.FileId, profiled.Sha256)
            {
                Profile = profiled.Profile,
                ProfiledWith = options,
            };
            _entries[full] = added;
            _added[full] = added;
        }

        return profiled;
    }

    /// <summary>
    /// Remembers the SHA-256 of a file this build has just written whole and proven on the way in, so the next build
    /// does not read it again. Only for a file nothing else writes (the model cache's own, placed whole by a rename), where
    /// the racily-clean case does not arise.
    /// </summary>
    public void Remember(string path, string sha256)
    {
        var full = Path.GetFullPath(path);
        var stat = FileStat.Read(full);
        var added = new HashCacheEntry(full, stat.Bytes, stat.LastWriteUtcTicks, stat.FileId, sha256);
        _entries[full] = added;
        _added[full] = added;
    }

    /// <summary>
    /// Writes what this build hashed, merged into what is on disk now (another build may have saved meanwhile), to a
    /// temporary file renamed over the cache. A cache that cannot be written only costs the next build a re-read.
    /// </summary>
    public void Save()
    {
        if (_added.Count == 0)
        {
            return;
        }

        var merged = Load(_path, out _) ?? new(StringComparer.Ordinal);
        foreach (var (path, entry) in _added)
        {
            merged[path] = entry;
        }

        var files = merged.Values.Where(e => File.Exists(e.Path)).ToArray();
        var temporary = $"{_path}.{Guid.NewGuid():N}.tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
            File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(new HashCacheFile(Version, files), HashCacheJson.Default.HashCacheFile));
            File.Move(temporary, _path, overwrite: true);
            _added.Clear();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
        }
    }

    private static SortedDictionary<string, HashCacheEntry>? Load(string path, out string? problem)
    {
        problem = null;
        HashCacheFile file;
        try
        {
            file = StrictJson.Read(path, HashCacheJson.Default.HashCacheFile);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            problem = e.Message;
            return null;
        }

        if (file.Version != Version || file.Files is null)
        {
            problem = $"it is not a version {Version} hash cache";
            return null;
        }

        var entries = new SortedDictionary<string, HashCacheEntry>(StringComparer.Ordinal);
        foreach (var entry in file.Files)
        {
            if (entry.Bytes < 0 || !IsSha256(entry.Sha256))
            {
                problem = "an entry has a negative size or a hash that is not SHA-256";
                return null;
            }

            // Two hashes for one file: neither can be trusted.
            if (!entries.TryAdd(entry.Path, entry))
            {
                problem = $"'{StrictJson.Shown(entry.Path)}' has two entries";
                return null;
            }
        }

        return entries;
    }

    private static bool IsSha256(string? text) => text is { Length: 64 } && text.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Only a stray temporary file is left.
        }
    }
}

/// <summary>One remembered hash: the file's full path, its stat when hashed, the hash, and for a data file its profile.</summary>
public sealed record HashCacheEntry(string Path, long Bytes, long LastWriteUtcTicks, string? FileId, string Sha256)
{
    /// <summary>The profile of these bytes, when the file was read as a run's data; a model's entry has none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DataProfile? Profile { get; init; }

    /// <summary>What the experiment said of the file when it was profiled: another LabelColumn or delimiter is another profile.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ProfileOptions? ProfiledWith { get; init; }

    [JsonIgnore]
    public FileStat Stat => new(Bytes, LastWriteUtcTicks, FileId);
}

internal sealed record HashCacheFile(int Version, IReadOnlyList<HashCacheEntry>? Files);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(HashCacheFile))]
internal sealed partial class HashCacheJson : JsonSerializerContext;
