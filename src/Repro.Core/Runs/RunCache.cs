using System.Text.Json;
using System.Text.Json.Serialization;
using Repro.Diagnostics;
using Repro.Fingerprints;
using Repro.Records;

namespace Repro.Runs;

/// <summary>For one wanted key: the run that makes it up to date, if any, else the experiment's latest keyed run, to say what changed.</summary>
public sealed record RunCacheAnswer(RunRecord? Hit, string? HitFolder, RunRecord? Latest);

/// <summary>
/// Train's question to the run store: has a completed run recorded this key? Answered from the records (run.json),
/// newest first, never from file times, so runs committed to git count in every clone. A failed run, an unfinished
/// one (still named .partial), a reproduction and a record whose config or metrics no longer hash as recorded never
/// make an experiment up to date.
/// </summary>
public static class RunCache
{
    public static IReadOnlyList<RunCacheAnswer> Find(RunStore store, IReadOnlyList<RunCacheKey> keys, IRunLog log)
    {
        var wanted = keys.Select(k => k.Sha256()).ToArray();
        var hits = new (RunRecord Record, string Folder)?[keys.Count];
        var latest = new RunRecord?[keys.Count];
        foreach (var id in store.RunIds().Reverse())
        {
            var folder = store.Folder(id);
            if (hits.All(h => h is not null))
            {
                break;
            }

            if (ReadHead(folder) is not { } head)
            {
                continue;
            }

            for (var i = 0; i < keys.Count; i++)
            {
                if (hits[i] is not null || !string.Equals(head.Experiment, keys[i].Experiment, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var record = latest[i] is null || head.CacheKey == wanted[i] ? store.Read(id).Record : null;
                if (record?.CacheInputs is null)
                {
                    continue;
                }

                latest[i] ??= record;
                if (record.CacheKey == wanted[i])
                {
                    if (Damage(record, folder) is { } damage)
                    {
                        log.Progress($"run {record.RunId} of {record.Experiment} had the same inputs, but {damage}: training anew.");
                        continue;
                    }

                    hits[i] = (record, folder);
                }
            }
        }

        return hits.Select((hit, i) => new RunCacheAnswer(hit?.Record, hit?.Folder, latest[i])).ToArray();
    }

    /// <summary>Reads the newest completed run's head and record and drops them, which compiles what <see cref="Find"/> runs (<see cref="Training.TrainWarmUp"/>).</summary>
    internal static void Warm(RunStore store)
    {
        foreach (var id in store.RunIds().Reverse())
        {
            if (ReadHead(store.Folder(id)) is not null)
            {
                _ = store.Read(id).Record;
                return;
            }
        }
    }

    /// <summary>The few fields that decide whether a record is a candidate, read without building the whole record.</summary>
    private static RunHead? ReadHead(string folder)
    {
        try
        {
            var head = StrictJson.Read(Path.Combine(folder, RunFiles.Run), RunHeadJson.Default.RunHead);
            return head is { Status: RunStatus.Completed, ReproductionOf: null, CacheKey: not null, Experiment: not null }
                && head.RunId == Path.GetFileName(folder) ? head : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Why the run cannot stand for a new one, or null. Its config and metrics are hashed (they are small); its
    /// artifacts only need their recorded size where they are local, so a large model is not read on every build.
    /// </summary>
    private static string? Damage(RunRecord record, string folder)
    {
        var changed = Changed(folder, RunFiles.Config, record.Files.Config) ?? Changed(folder, RunFiles.Metrics, record.Files.Metrics);
        if (changed is not null)
        {
            return changed;
        }

        foreach (var artifact in record.Artifacts)
        {
            // An artifact not in the folder is on a remote (records in git, models in blob storage): the run still stands.
            var path = Path.Combine(folder, artifact.Path);
            if (File.Exists(path) && new FileInfo(path).Length != artifact.Bytes)
            {
                return $"its {artifact.Path} is not the size recorded";
            }
        }

        return null;
    }

    private static string? Changed(string folder, string file, string? sha256)
    {
        var path = Path.Combine(folder, file);
        return sha256 is not null && (!File.Exists(path) || FileHash.Sha256(path) != sha256) ? $"its {file} is missing or changed" : null;
    }

    internal sealed record RunHead(string? RunId, string? Experiment, string? Status, string? CacheKey, string? ReproductionOf);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(RunCache.RunHead))]
internal sealed partial class RunHeadJson : JsonSerializerContext;
