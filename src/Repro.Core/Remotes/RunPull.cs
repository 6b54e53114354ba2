using Repro.Diagnostics;
using Repro.Fingerprints;
using Repro.Groups;
using Repro.Records;
using Repro.Runs;

namespace Repro.Remotes;

/// <summary>What a Pull did: runs and groups brought whole, artifacts filled in, bytes moved.</summary>
public sealed record PullResult(int RunsPulled, int GroupsPulled, int FilesPulled, long BytesPulled, int RunsComplete);

/// <summary>
/// Brings from a remote what the local run store lacks: runs trained elsewhere (a CI shard, a colleague), whole, and
/// the artifacts of runs on record whose folders hold only the record. Every file is proven against its SHA-256
/// before it appears; a run trained elsewhere appears in the store in one rename, complete or not at all.
/// </summary>
public static class RunPull
{
    public static PullResult Pull(RunStore store, IRemoteStore remote, string? runOrGroupId, IRunLog log, int parallel = 4,
        CancellationToken cancellation = default) =>
        Transfers.Run("Pull", () => PullAsync(store, remote, runOrGroupId, log, parallel, cancellation), cancellation);

    public static async Task<PullResult> PullAsync(RunStore store, IRemoteStore remote, string? runOrGroupId, IRunLog log, int parallel,
        CancellationToken cancellation)
    {
        log = new SynchronizedRunLog(log); // transfers run in parallel
        var keys = (await remote.ListAsync("", cancellation)).ToHashSet(StringComparer.Ordinal);
        using var staging = new PullStaging(store.StagingDirectory);
        var counter = new Counter();

        // Runs and groups only the remote has: their manifests say which files make them.
        var remoteRuns = Ids(keys, RemoteKeys.RunsFolder).Where(id => store.Find(id) is null).ToArray();
        var groups = new GroupStore(store);
        var remoteGroups = Ids(keys, RemoteKeys.GroupsFolder).Where(id => !groups.Exists(id)).ToArray();
        var wanted = runOrGroupId;
        // Runs that joined a sharded group after they were trained say so in a note of their own.
        var notes = keys.Select(RemoteKeys.ParseMemberNote).OfType<(string GroupId, string RunId)>()
            .Where(n => wanted is null || n.GroupId == wanted || n.RunId == wanted)
            .OrderBy(n => n.GroupId, StringComparer.Ordinal).ThenBy(n => n.RunId, StringComparer.Ordinal)
            .ToArray();
        var noted = notes.Select(n => n.RunId).ToHashSet(StringComparer.Ordinal);
        // Which manifests to read: all, for no id; else every run's (to learn its group) and the named group's.
        var oneRun = wanted is not null && (store.Find(wanted) is not null || keys.Contains(RemoteKeys.Run(wanted)));
        var candidates = remoteRuns.Where(id => !oneRun || id == wanted).Select(id => (Id: id, Key: RemoteKeys.Run(id)))
            .Concat(remoteGroups.Where(id => wanted is null || id == wanted).Select(id => (Id: id, Key: RemoteKeys.Group(id))))
            .ToArray();
        var read = new RemoteManifest?[candidates.Length];
        await Parallel.ForEachAsync(Enumerable.Range(0, candidates.Length), new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellation },
            async (i, token) => read[i] = await Manifest(remote, candidates[i].Key, token));
        var manifests = read.OfType<RemoteManifest>()
            .Where(m => wanted is null || m.Id == wanted || m.Group == wanted || (m.Kind == RemoteManifest.RunKind && noted.Contains(m.Id)))
            .ToList();

        var localRuns = Local(store, wanted);
        if (wanted is not null && manifests.Count == 0 && localRuns.Count == 0)
        {
            throw new ReproException(ErrorCode.UnknownRun,
                $"there is no run or group '{wanted}' in '{store.Directory}' nor on the remote '{remote.Location}': `dotnet build -t:Runs` lists the local ones.");
        }

        var total = manifests.Sum(m => m.Files.Sum(f => f.Bytes));
        if (manifests.Count > 0)
        {
            log.Progress($"Pull: {manifests.Count(m => m.Kind == RemoteManifest.RunKind)} run(s) and {manifests.Count(m => m.Kind == RemoteManifest.GroupKind)} group(s) from {remote.Location}, {Bytes.Shown(total)}");
        }

        await Parallel.ForEachAsync(manifests.Where(m => m.Kind == RemoteManifest.RunKind).ToArray(),
            new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellation },
            async (manifest, token) => await Materialize(manifest, store.Folder(manifest.Id), remote, staging, log, counter, token));
        foreach (var manifest in manifests.Where(m => m.Kind == RemoteManifest.GroupKind))
        {
            await Materialize(manifest, store.GroupFolder(manifest.Id), remote, staging, log, counter, cancellation);
        }

        foreach (var (groupId, runId) in notes)
        {
            await PullNote(store, remote, staging, groupId, runId, cancellation);
        }

        // Runs on record whose artifacts stayed on the remote.
        var complete = 0;
        foreach (var id in localRuns)
        {
            var folder = store.Folder(id);
            var record = RemoteSelection.Record(store, id, log);
            if (record is null)
            {
                continue;
            }

            var missing = LocalArtifacts.Missing(folder, record);
            if (missing.Count == 0)
            {
                complete++;
                continue;
            }

            await FetchArtifacts(folder, id, missing, remote, staging, log, counter, parallel, cancellation);
        }

        log.Progress($"Pull from {remote.Location}: {counter.Runs} run(s) and {counter.Groups} group(s) brought, " +
            $"{counter.Files} file(s) ({Bytes.Shown(counter.Bytes)}); {complete} run(s) already had their artifacts.");
        return new PullResult(counter.Runs, counter.Groups, counter.Files, counter.Bytes, complete);
    }

    /// <summary>
    /// Fills in the artifacts a run on record lacks, proving each against the record: what Describe, Register and an
    /// exact Reproduce do when a remote is set.
    /// </summary>
    public static void Artifacts(RunStore store, string runId, RunRecord record, IRemoteStore remote, IRunLog log, CancellationToken cancellation = default)
    {
        var runFolder = store.Folder(runId);
        var missing = LocalArtifacts.Missing(runFolder, record);
        if (missing.Count == 0)
        {
            return;
        }

        log = new SynchronizedRunLog(log);
        using var staging = new PullStaging(store.StagingDirectory);
        var counter = new Counter();
        FetchArtifacts(runFolder, record.RunId, missing, remote, staging, log, counter, 4, cancellation).GetAwaiter().GetResult();
        log.Progress($"pulled {counter.Files} artifact(s) of run {record.RunId} ({Bytes.Shown(counter.Bytes)}) from {remote.Location}");
    }

    private static async Task FetchArtifacts(string folder, string id, IReadOnlyList<FileFingerprint> missing, IRemoteStore remote, PullStaging staging,
        IRunLog log, Counter counter, int parallel, CancellationToken cancellation)
    {
        await Parallel.ForEachAsync(missing, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellation }, async (artifact, token) =>
        {
            if (!RemoteManifest.SafePath(artifact.Path))
            {
                throw new ReproException(ErrorCode.DamagedRecord, $"the record of run '{id}' names an artifact outside its folder ('{artifact.Path}'): restore it from version control.");
            }

            var staged = await staging.FetchAsync(remote, RemoteKeys.Content(artifact.Sha256), artifact.Sha256, artifact.Bytes, $"{id}/{artifact.Path}", log, token);
            if (PullStaging.Place(staged, Path.Combine(folder, artifact.Path)))
            {
                counter.Add(artifact.Bytes);
            }
        });
    }

    /// <summary>Assembles a run or group folder in staging and renames it into the store: whole or not at all.</summary>
    private static async Task Materialize(RemoteManifest manifest, string destination, IRemoteStore remote, PullStaging staging, IRunLog log, Counter counter,
        CancellationToken cancellation)
    {
        var assembled = Path.Combine(staging.Folder, manifest.Id);
        Directory.CreateDirectory(assembled);
        long bytes = 0;
        foreach (var file in manifest.Files)
        {
            var staged = await staging.FetchAsync(remote, RemoteKeys.Content(file.Sha256), file.Sha256, file.Bytes, $"{manifest.Id}/{file.Path}", log, cancellation);
            PullStaging.Place(staged, Path.Combine(assembled, file.Path));
            bytes += file.Bytes;
        }

        if (manifest.Kind == RemoteManifest.RunKind)
        {
            // The record must be the run the manifest names, and intact, before it joins the store.
            var record = RecordIntegrity.ReadAnyStatus(assembled);
            if (record.RunId != manifest.Id)
            {
                throw new ReproException(ErrorCode.RemoteContentMismatch, $"the remote's run '{manifest.Id}' holds the record of '{record.RunId}': it was refused.");
            }
        }

        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        if (Directory.Exists(destination))
        {
            return; // another Pull brought it first
        }

        Directory.Move(assembled, destination);
        counter.Add(bytes, manifest.Files.Count, manifest.Kind);
        log.Progress($"  pulled {manifest.Kind} {manifest.Id}{(manifest.Experiment is { } e ? $" ({e})" : "")}");
    }

    /// <summary>Writes a member note into its run's folder, when the run is here and lacks it; a note is read strictly first.</summary>
    private static async Task PullNote(RunStore store, IRemoteStore remote, PullStaging staging, string groupId, string runId, CancellationToken cancellation)
    {
        var folder = store.Find(runId);
        var path = folder is null ? null : Path.Combine(folder, Sharding.GroupMemberNote.FileName(groupId));
        if (path is null || File.Exists(path))
        {
            return;
        }

        var key = RemoteKeys.MemberNote(groupId, runId);
        var staged = Path.Combine(staging.Folder, Guid.NewGuid().ToString("N"));
        await using (var output = File.Create(staged))
        {
            if (!await remote.DownloadAsync(key, output, null, cancellation))
            {
                return;
            }
        }

        var note = Sharding.GroupMemberNotes.ReadOrNull(staged);
        if (note is null || note.GroupId != groupId || note.RunId != runId)
        {
            File.Delete(staged);
            throw new ReproException(ErrorCode.RemoteContentMismatch,
                $"'{key}' on the remote '{remote.Location}' is not a note that run {runId} is a member of group {groupId}: it was refused. Remove that blob from the remote.");
        }

        PullStaging.Place(staged, path);
    }

    private static async Task<RemoteManifest> Manifest(IRemoteStore remote, string key, CancellationToken cancellation)
    {
        using var buffer = new MemoryStream();
        if (!await remote.DownloadAsync(key, buffer, null, cancellation))
        {
            throw new ReproException(ErrorCode.RemoteUnavailable, $"'{key}' vanished from the remote '{remote.Location}' while it was read: run the verb again.");
        }

        return RemoteManifest.Parse(buffer.ToArray(), key, remote.Location);
    }

    private static IEnumerable<string> Ids(IEnumerable<string> keys, string folder) => keys
        .Where(k => k.StartsWith(folder, StringComparison.Ordinal) && k.EndsWith(".json", StringComparison.Ordinal))
        .Select(k => k[folder.Length..^".json".Length])
        .Where(RunId.IsValid)
        .Order(StringComparer.Ordinal);

    private static IReadOnlyList<string> Local(RunStore store, string? id)
    {
        if (id is null)
        {
            return store.RunIds();
        }

        if (store.Find(id) is not null)
        {
            return [id];
        }

        var groups = new GroupStore(store);
        return groups.Exists(id) ? [.. groups.Read(id).Members.Select(m => m.RunId).Where(m => store.Find(m) is not null)] : [];
    }

    private sealed class Counter
    {
        private long _bytes;
        private int _files;
        private int _runs;
        private int _groups;

        public long Bytes => Interlocked.Read(ref _bytes);
        public int Files => _files;
        public int Runs => _runs;
        public int Groups => _groups;

        public void Add(long bytes, int files = 1, string? kind = null)
        {
            Interlocked.Add(ref _bytes, bytes);
            Interlocked.Add(ref _files, files);
            if (kind == RemoteManifest.RunKind)
            {
                Interlocked.Increment(ref _runs);
            }
            else if (kind == RemoteManifest.GroupKind)
            {
                Interlocked.Increment(ref _groups);
            }
        }
    }
}
