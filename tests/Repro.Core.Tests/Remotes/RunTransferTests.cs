using Repro.Diagnostics;
using Repro.Fingerprints;
using Repro.Records;
using Repro.Remotes;
using Repro.Reproduction;
using Repro.Runs;

namespace Repro.Core.Tests.Remotes;

/// <summary>Push and Pull through a folder remote: what moves, what is proven, and what a failure leaves.</summary>
[TestClass]
public sealed class RunTransferTests
{
    [TestMethod]
    public void PushThenPullIntoAnotherStoreGivesTheSameFilesAndASecondPushMovesNothing()
    {
        using var folder = new TempFolder();
        var store = new RunStore(Path.Combine(folder.Path, "a", "runs"));
        var one = WriteRun(store, 1, "model one");
        var two = WriteRun(store, 2, "model two, larger than the first");
        var failed = WriteRun(store, 3, "a model it wrote before it failed", status: RunStatus.Failed);
        var remote = NewRemote(folder);

        var first = RunPush.Push(store, remote, null, new TestLog());
        Assert.AreEqual(3, first.RunsPublished, "a failed run is a record too: a sharded group counts it");
        Assert.AreEqual(0, first.FilesAlreadyThere);
        Assert.IsTrue(File.Exists(Path.Combine(remote.Root, RemoteKeys.Content(one.Artifacts[0].Sha256))), "content is stored under sha256[0..2]/sha256");
        var log = new TestLog();
        var second = RunPush.Push(store, remote, null, log);
        Assert.AreEqual((0, 0L, 0, 3), (second.FilesPushed, second.BytesPushed, second.RunsPublished, second.RunsAlreadyThere));
        StringAssert.Contains(log.Messages[^1], "0 file(s) pushed (0 B)");

        var other = new RunStore(Path.Combine(folder.Path, "b", "runs"));
        var pulled = RunPull.Pull(other, remote, null, new TestLog());
        Assert.AreEqual(3, pulled.RunsPulled);
        Assert.AreEqual(RunStatus.Failed, RecordIntegrity.ReadAnyStatus(Path.Combine(other.Directory, failed.RunId)).Status);
        foreach (var run in new[] { one, two })
        {
            var here = Path.Combine(store.Directory, run.RunId);
            var there = Path.Combine(other.Directory, run.RunId);
            CollectionAssert.AreEqual(Files(here), Files(there));
            Assert.AreEqual(run.RunId, RecordIntegrity.Read(there).RunId);
        }

        Assert.IsFalse(Directory.Exists(Path.Combine(other.Directory, ".pull")), "no staging is left behind");
        Assert.AreEqual(0, RunPull.Pull(other, remote, null, new TestLog()).FilesPulled, "a second Pull moves nothing");
    }

    [TestMethod]
    public void ARecordWithoutItsArtifactsIsFilledInFromTheRemoteAndProven()
    {
        using var folder = new TempFolder();
        var store = new RunStore(Path.Combine(folder.Path, "runs"));
        var run = WriteRun(store, 1, "the model");
        var remote = NewRemote(folder);
        RunPush.Push(store, remote, run.RunId, new TestLog());
        var model = Path.Combine(store.Directory, run.RunId, "artifacts", "model.bin");
        File.Delete(model); // a clone has the record from git, not the model

        var error = Assert.ThrowsExactly<ReproException>(() => RecordIntegrity.Read(Path.Combine(store.Directory, run.RunId)));
        Assert.AreEqual("REPRO0083", error.Code);
        StringAssert.Contains(error.Message, "-t:Pull");
        Assert.AreEqual(run.RunId, RecordIntegrity.Read(Path.Combine(store.Directory, run.RunId), needArtifacts: false).RunId);

        RemoteArtifacts.Fetcher(remote, new TestLog())(store, run.RunId);
        Assert.AreEqual("the model", File.ReadAllText(model));
    }

    [TestMethod]
    public void ABlobAlteredOnTheRemoteIsRefusedAndNeverWritten()
    {
        using var folder = new TempFolder();
        var store = new RunStore(Path.Combine(folder.Path, "runs"));
        var run = WriteRun(store, 1, "the model");
        var remote = NewRemote(folder);
        RunPush.Push(store, remote, null, new TestLog());
        var blob = Path.Combine(remote.Root, RemoteKeys.Content(run.Artifacts[0].Sha256));
        File.WriteAllText(blob, "the modem");
        var model = Path.Combine(store.Directory, run.RunId, "artifacts", "model.bin");
        File.Delete(model);

        var error = Assert.ThrowsExactly<ReproException>(() => RunPull.Pull(store, remote, run.RunId, new TestLog()));
        Assert.AreEqual("REPRO0082", error.Code);
        Assert.IsFalse(File.Exists(model));
        Assert.IsFalse(Directory.Exists(Path.Combine(store.Directory, ".pull")));

        // A whole run from the remote is refused the same way, and does not appear.
        var other = new RunStore(Path.Combine(folder.Path, "other"));
        Assert.AreEqual("REPRO0082", Assert.ThrowsExactly<ReproException>(() => RunPull.Pull(other, remote, null, new TestLog())).Code);
        Assert.IsNull(other.Find(run.RunId));
    }

    [TestMethod]
    public void AnArtifactNeverPushedIsNamedWithTheVerbThatFixesIt()
    {
        using var folder = new TempFolder();
        var store = new RunStore(Path.Combine(folder.Path, "runs"));
        var run = WriteRun(store, 1, "the model");
        File.Delete(Path.Combine(store.Directory, run.RunId, "artifacts", "model.bin"));

        var error = Assert.ThrowsExactly<ReproException>(() => RunPull.Pull(store, NewRemote(folder), null, new TestLog()));
        Assert.AreEqual("REPRO0084", error.Code);
        StringAssert.Contains(error.Message, "-t:Push");
    }

    [TestMethod]
    public void ARemoteThatFailsMidPushLeavesNoManifestAndTheNextPushCompletes()
    {
        using var folder = new TempFolder();
        var store = new RunStore(Path.Combine(folder.Path, "runs"));
        var runs = Enumerable.Range(1, 4).Select(i => WriteRun(store, i, $"model {i}")).ToArray();
        var inner = NewRemote(folder);
        var failing = new FailingRemote(inner, createsBeforeFailure: 2);

        var error = Assert.ThrowsExactly<ReproException>(() => RunPush.Push(store, failing, null, new TestLog(), parallel: 1));
        Assert.AreEqual("REPRO0081", error.Code);
        Assert.IsEmpty(inner.ListAsync(RemoteKeys.RunsFolder, default).Result, "no run is published before all its content is there");

        var retry = RunPush.Push(store, inner, null, new TestLog());
        Assert.AreEqual(4, retry.RunsPublished);
        Assert.AreEqual(2, retry.FilesAlreadyThere, "what the failed Push sent is not sent again");
        var other = new RunStore(Path.Combine(folder.Path, "other"));
        Assert.AreEqual(4, RunPull.Pull(other, inner, null, new TestLog()).RunsPulled);
        Assert.IsTrue(runs.All(r => other.Find(r.RunId) is not null));
    }

    [TestMethod]
    public void AnInterruptedPullLeavesNoPartialArtifactAndTheNextPullCompletes()
    {
        using var folder = new TempFolder();
        var store = new RunStore(Path.Combine(folder.Path, "runs"));
        var run = WriteRun(store, 1, new string('m', 3 << 20));
        var remote = NewRemote(folder);
        RunPush.Push(store, remote, null, new TestLog());
        var model = Path.Combine(store.Directory, run.RunId, "artifacts", "model.bin");
        File.Delete(model);

        var error = Assert.ThrowsExactly<ReproException>(() => RunPull.Pull(store, new FailingRemote(remote, downloadBytesBeforeFailure: 1 << 20), null, new TestLog()));
        Assert.AreEqual("REPRO0081", error.Code);
        Assert.IsFalse(File.Exists(model), "half a model never appears");
        Assert.IsFalse(Directory.Exists(Path.Combine(store.Directory, ".pull")));

        RunPull.Pull(store, remote, null, new TestLog());
        Assert.AreEqual(run.Artifacts[0].Sha256, FileHash.Sha256(model));
    }

    [TestMethod]
    public void AGroupIsPushedAndPulledByItsIdWithItsMembers()
    {
        using var folder = new TempFolder();
        var store = new RunStore(Path.Combine(folder.Path, "runs"));
        var group = RunId.New(DateTimeOffset.UnixEpoch.AddYears(56));
        var members = Enumerable.Range(1, 3).Select(i => WriteRun(store, i, $"member {i}", group)).ToArray();
        var loner = WriteRun(store, 9, "not in the group");
        var remote = NewRemote(folder);
        RunPush.Push(store, remote, null, new TestLog());

        var other = new RunStore(Path.Combine(folder.Path, "other"));
        var pulled = RunPull.Pull(other, remote, group, new TestLog());

        Assert.AreEqual(3, pulled.RunsPulled);
        Assert.IsTrue(members.All(m => other.Find(m.RunId) is not null));
        Assert.IsNull(other.Find(loner.RunId));
        Assert.AreEqual("REPRO0021", Assert.ThrowsExactly<ReproException>(() => RunPull.Pull(other, remote, RunId.New(DateTimeOffset.UnixEpoch), new TestLog())).Code);
    }

    [TestMethod]
    public void ARunWhoseArtifactsAreNowhereIsNotPublishedAndPushSaysSo()
    {
        using var folder = new TempFolder();
        var store = new RunStore(Path.Combine(folder.Path, "runs"));
        var lost = WriteRun(store, 1, "a model nobody pushed");
        var kept = WriteRun(store, 2, "the model");
        File.Delete(Path.Combine(store.Directory, lost.RunId, "artifacts", "model.bin"));
        var log = new TestLog();

        var result = RunPush.Push(store, NewRemote(folder), null, log);

        Assert.AreEqual(1, result.RunsPublished, kept.RunId + " still goes");
        Assert.AreEqual("REPRO0083", log.Warnings.Single().Code);
        StringAssert.Contains(log.Warnings.Single().Message, lost.RunId);
    }

    [TestMethod]
    public void AModelChangedSinceItsRunIsNotPushed()
    {
        using var folder = new TempFolder();
        var store = new RunStore(Path.Combine(folder.Path, "runs"));
        var run = WriteRun(store, 1, "the model");
        File.WriteAllText(Path.Combine(store.Directory, run.RunId, "artifacts", "model.bin"), "the modem");
        var remote = NewRemote(folder);

        Assert.AreEqual("REPRO0022", Assert.ThrowsExactly<ReproException>(() => RunPush.Push(store, remote, null, new TestLog())).Code);
        Assert.IsEmpty(remote.ListAsync(RemoteKeys.RunsFolder, default).Result);
    }

    /// <summary>A folder remote; Repro never creates one, so an unmounted share is not taken for an empty remote.</summary>
    private static FolderRemote NewRemote(TempFolder folder) => new(Directory.CreateDirectory(Path.Combine(folder.Path, "remote")).FullName);

    [TestMethod]
    public void AFolderRemoteThatIsNotThereIsAnErrorNotAnEmptyRemote()
    {
        using var folder = new TempFolder();
        var store = new RunStore(Path.Combine(folder.Path, "runs"));
        WriteRun(store, 1, "the model");

        var error = Assert.ThrowsExactly<ReproException>(() => RunPush.Push(store, new FolderRemote(Path.Combine(folder.Path, "unmounted")), null, new TestLog()));
        Assert.AreEqual("REPRO0081", error.Code);
        StringAssert.Contains(error.Message, "does not exist");
    }

    /// <summary>A finished run folder with a consistent record: config, metrics and one artifact.</summary>
    internal static RunRecord WriteRun(RunStore store, int minute, string model, string? group = null, string status = RunStatus.Completed)
    {
        var id = RunId.New(DateTimeOffset.UnixEpoch.AddYears(56).AddMinutes(minute));
        var folder = Directory.CreateDirectory(Path.Combine(store.Directory, id)).FullName;
        File.WriteAllText(Path.Combine(folder, RunFiles.Config), "{}");
        File.WriteAllText(Path.Combine(folder, RunFiles.Metrics), "{\"accuracy\": 0.9}");
        Directory.CreateDirectory(Path.Combine(folder, "artifacts"));
        File.WriteAllText(Path.Combine(folder, "artifacts", "model.bin"), model);
        var record = TestRecords.Completed() with
        {
            RunId = id,
            Group = group,
            Status = status,
            Metrics = new(StringComparer.Ordinal) { ["accuracy"] = 0.9 },
            Artifacts = FileFingerprint.Of(folder, ["artifacts"]),
            Files = new RecordFiles(FileHash.Sha256(Path.Combine(folder, RunFiles.Config)), FileHash.Sha256(Path.Combine(folder, RunFiles.Metrics))),
        };
        RecordJson.WriteRecord(Path.Combine(folder, RunFiles.Run), record);
        return record;
    }

    private static string[] Files(string folder) => Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
        .Order(StringComparer.Ordinal)
        .Select(f => Path.GetRelativePath(folder, f) + " " + FileHash.Sha256(f))
        .ToArray();

    /// <summary>A remote that goes away: after some creates, or part way through a download.</summary>
    private sealed class FailingRemote(IRemoteStore inner, int createsBeforeFailure = int.MaxValue, long downloadBytesBeforeFailure = long.MaxValue) : IRemoteStore
    {
        private int _creates;

        public string Location => inner.Location;

        public Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken cancellation) => inner.ListAsync(prefix, cancellation);

        public Task<bool> CreateAsync(string key, string sourceFile, IProgress<long>? progress, CancellationToken cancellation) =>
            Interlocked.Increment(ref _creates) > createsBeforeFailure
                ? throw new ReproException(ErrorCode.RemoteUnavailable, "the remote went away")
                : inner.CreateAsync(key, sourceFile, progress, cancellation);

        public async Task<bool> DownloadAsync(string key, Stream destination, IProgress<long>? progress, CancellationToken cancellation)
        {
            using var buffer = new MemoryStream();
            if (!await inner.DownloadAsync(key, buffer, progress, cancellation))
            {
                return false;
            }

            if (buffer.Length > downloadBytesBeforeFailure)
            {
                await destination.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)downloadBytesBeforeFailure), cancellation);
                throw new ReproException(ErrorCode.RemoteUnavailable, "the remote went away mid-download");
            }

            buffer.Position = 0;
            await buffer.CopyToAsync(destination, cancellation);
            return true;
        }

        public void Dispose()
        {
        }
    }
}
