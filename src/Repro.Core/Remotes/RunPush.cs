using Repro.Diagnostics;
using Repro.Fingerprints;
using Repro.Groups;
using Repro.Records;
using Repro.Runs;

namespace Repro.Remotes;

/// <summary>What a Push did: files and bytes sent, files the remote already held, runs published.</summary>
public sealed record PushResult(int FilesPushed, long BytesPushed, int FilesAlreadyThere, int RunsPublished, int RunsAlreadyThere, IReadOnlyList<string> Skipped);

/// <summary>
/// Sends finished runs (completed, failed or cancelled) to a remote: every file of each run folder (the record and its artifacts) by content, then the
/// run's manifest. Content goes first and the manifest last, so what the remote lists is always whole; a Push that
/// dies part way leaves only unreferenced content, which the next Push finds there and does not send again.
/// </summary>
public static class RunPush
{
    public static PushResult Push(RunStore store, IRemoteStore remote, string? runOrGroupId, IRunLog log, int parallel = 4,
        CancellationToken cancellation = default) =>
        Transfers.Run("Push", () => PushAsync(store, remote, runOrGroupId, log, parallel, cancellation), cancellation);

    public static async Task<PushResult> PushAsync(RunStore store, IRemoteStore remote, string? runOrGroupId, IRunLog log, int parallel,
        CancellationToken cancellation)
    {
        log = new SynchronizedRunLog(log); // transfers run in parallel
        var (runs, groups) = Select(store, runOrGroupId);
        // Listings answer "is it there?" for every file, one request per thousands of keys: first the runs, groups and
        // notes published; the content only when something is left to publish, so a second Push lists a small folder.
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var folder in new[] { RemoteKeys.RunsFolder, RemoteKeys.GroupsFolder, RemoteKeys.MembersFolder })
        {
            present.UnionWith(await remote.ListAsync(folder, cancellation));
        }

        var contentListed = false;
        async Task ListContent()
        {
            if (!contentListed)
            {
                present.UnionWith(await remote.ListAsync("", cancellation));
                contentListed = true;
            }
        }

        var skipped = new List<string>();
        var manifests = new List<(string Key, RemoteManifest Manifest, string Folder)>();
        var alreadyPublished = 0;
        foreach (var id in runs)
        {
            // A published run is not read again: a manifest is written once, after all its content.
            if (present.Contains(RemoteKeys.Run(id)))
            {
                alreadyPublished++;
                continue;
            }

            // Failed and cancelled runs go too: a sharded group counts a failed member, and a record is never lost.
            var record = RemoteSelection.Record(store, id, log);
            if (record is null)
            {
                continue;
            }

            await ListContent();
            var folder = store.Folder(id);
            var missing = LocalArtifacts.Missing(folder, record);
            if (missing.Any(a => !present.Contains(RemoteKeys.Content(a.Sha256))))
            {
                skipped.Add($"{id}: {missing.Count} artifact(s) are not in its folder nor on the remote ({missing[0].Path})");
                continue;
            }

            manifests.Add((RemoteKeys.Run(id), RunManifest(record, folder), folder));
        }

        foreach (var id in groups)
        {
            if (present.Contains(RemoteKeys.Group(id)))
            {
                continue;
            }

            await ListContent();
            var folder = store.GroupFolder(id);
            manifests.Add((RemoteKeys.Group(id), GroupManifest(id, folder), folder));
        }

        // Each content once, however many runs hold it; in a fixed order, so the log reads the same every time.
        var uploads = manifests
            .SelectMany(m => m.Manifest.Files.Select(f => (File: f, Source: Path.Combine(m.Folder, f.Path))))
            .Where(u => File.Exists(u.Source))
            .DistinctBy(u => u.File.Sha256)
            .Where(u => !present.Contains(RemoteKeys.Content(u.File.Sha256)))
            .OrderBy(u => u.File.Sha256, StringComparer.Ordinal)
            .ToArray();
        var total = uploads.Sum(u => u.File.Bytes);
        if (uploads.Length > 0)
        {
            log.Progress($"Push: {uploads.Length} file(s), {Bytes.Shown(total)}, to {remote.Location} ({parallel} at once)");
        }

        long pushedBytes = 0;
        var pushed = 0;
        var raced = 0;
        await Parallel.ForEachAsync(uploads, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellation },
            async (upload, token) =>
            {
                // The file must still be what the record says: a model edited after its run is not the run's model.
                var sha = InputFile.Read(upload.Source, FileHash.Sha256);
                if (sha != upload.File.Sha256)
                {
                    throw new ReproException(ErrorCode.DamagedRecord,
                        $"'{upload.Source}' has changed since it was recorded (sha256 {upload.File.Sha256[..12]}… → {sha[..12]}…): it is not pushed. Restore it from version control, or train a new run.");
                }

                var progress = TransferProgress.For(log, "pushing", upload.File.Path, upload.File.Bytes);
                if (await remote.CreateAsync(RemoteKeys.Content(upload.File.Sha256), upload.Source, progress, token))
                {
                    Interlocked.Add(ref pushedBytes, upload.File.Bytes);
                    Interlocked.Increment(ref pushed);
                }
                else
                {
                    Interlocked.Increment(ref raced); // another Push sent the same bytes first
                }
            });

        // Only now that all content is there: the manifests, several at once.
        await Parallel.ForEachAsync(manifests, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellation },
            async (entry, token) =>
            {
                var file = Path.GetTempFileName();
                try
                {
                    await File.WriteAllBytesAsync(file, entry.Manifest.ToBytes(), token);
                    await remote.CreateAsync(entry.Key, file, null, token);
                }
                finally
                {
                    File.Delete(file);
                }
            });

        var notes = await MemberNotes(store, remote, runs, present, cancellation);
        var alreadyThere = manifests.SelectMany(m => m.Manifest.Files).DistinctBy(f => f.Sha256).Count() - pushed;
        var published = manifests.Count(m => m.Manifest.Kind == RemoteManifest.RunKind);
        foreach (var skip in skipped)
        {
            log.Warning(ErrorCode.ArtifactsNotLocal, $"not pushed: {skip}. Pull it from the remote it came from, or push it from the machine that trained it.");
        }

        log.Progress($"Push to {remote.Location}: {published} run(s) published, {alreadyPublished} already there{(notes > 0 ? $", {notes} group membership note(s)" : "")}; " +
            $"{pushed} file(s) pushed ({Bytes.Shown(pushedBytes)}), {alreadyThere} already on the remote.");
        return new PushResult(pushed, pushedBytes, alreadyThere, published, alreadyPublished, skipped);
    }

    /// <summary>
    /// A run's manifest: its artifacts as the record has them (each upload proves the file still is that), every other
    /// file as it is, the record's own files checked against run.json so a damaged record never travels.
    /// </summary>
    private static RemoteManifest RunManifest(RunRecord record, string folder)
    {
        var artifacts = record.Artifacts.Select(a => a.Path).ToHashSet(StringComparer.Ordinal);
        // Member notes are pushed on their own (MemberNotes): a note can be written after the run was first pushed.
        var others = FileFingerprint.Of(folder, Directory.GetFileSystemEntries(folder).Select(Path.GetFileName).OfType<string>()
                .Where(name => !name.StartsWith(Sharding.GroupMemberNote.Prefix, StringComparison.Ordinal)))
            .Where(f => !artifacts.Contains(f.Path))
            .ToArray();
        foreach (var (file, sha) in new[] { (RunFiles.Config, record.Files.Config), (RunFiles.Metrics, record.Files.Metrics), (RunFiles.History, record.Files.History) })
        {
            if (sha is not null && others.FirstOrDefault(f => f.Path == file)?.Sha256 != sha)
            {
                throw new ReproException(ErrorCode.DamagedRecord,
                    $"the record of run '{record.RunId}' is not intact: its {file} is missing or has changed since it was recorded. It is not pushed; restore it from version control.");
            }
        }

        return new RemoteManifest(1, RemoteManifest.RunKind, record.RunId, record.Experiment, record.Group,
            [.. others.Concat(record.Artifacts).OrderBy(f => f.Path, StringComparer.Ordinal)]);
    }

    /// <summary>Sends each run's notes of membership in a sharded group that the remote does not have yet.</summary>
    private static async Task<int> MemberNotes(RunStore store, IRemoteStore remote, IReadOnlyList<string> runs, HashSet<string> present, CancellationToken cancellation)
    {
        var sent = 0;
        foreach (var id in runs)
        {
            var folder = store.Folder(id);
            foreach (var note in Directory.GetFiles(folder, Sharding.GroupMemberNote.Prefix + "*.json").Order(StringComparer.Ordinal))
            {
                var groupId = Path.GetFileNameWithoutExtension(note)[Sharding.GroupMemberNote.Prefix.Length..];
                if (RunId.IsValid(groupId) && !present.Contains(RemoteKeys.MemberNote(groupId, id))
                    && await remote.CreateAsync(RemoteKeys.MemberNote(groupId, id), note, null, cancellation))
                {
                    sent++;
                }
            }
        }

        return sent;
    }

    private static RemoteManifest GroupManifest(string id, string folder) =>
        new(1, RemoteManifest.GroupKind, id, null, null, FileFingerprint.Of(folder, [folder]));

    private static (IReadOnlyList<string> Runs, IReadOnlyList<string> Groups) Select(RunStore store, string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return (store.RunIds(), store.GroupIds());
        }

        if (store.Find(id) is not null)
        {
            return ([id], []);
        }

        var groups = new GroupStore(store);
        if (groups.Exists(id))
        {
            return ([.. groups.Read(id).Members.Select(m => m.RunId).Order(StringComparer.Ordinal)], [id]);
        }

        throw new ReproException(ErrorCode.UnknownRun, $"there is no run or group '{id}' in '{store.Directory}': `dotnet build -t:Runs` lists them.");
    }
}
