using Repro.Core.Tests.Remotes;
using Repro.Fingerprints;
using Repro.Runs;
using Repro.Training;

namespace Repro.Core.Tests;

[TestClass]
public sealed class TrainWarmUpTests
{
    [TestMethod]
    public async Task TheWarmUpReadsTheHashCacheAndTheNewestRecordAndChangesNothing()
    {
        using var folder = new TempFolder();
        var store = new RunStore(Path.Combine(folder.Path, "runs"));
        RunTransferTests.WriteRun(store, 1, "a model");
        var hashCache = Path.Combine(folder.Path, "obj", "hashes.json");
        var data = folder.Write("data.csv", "x\n1\n");
        var cache = HashCache.Open(hashCache, new TestLog());
        cache.Remember(data, FileHash.Sha256(data));
        cache.Save();
        var before = Snapshot(folder.Path);

        await TrainWarmUp.Start(hashCache, store);
        CollectionAssert.AreEqual(before, Snapshot(folder.Path), "nothing written, moved or deleted");
        StringAssert.Matches(TrainWarmUp.Describe(store), new System.Text.RegularExpressions.Regex(@"^Train's planning code was compiled beside the build, in \d+ ms$"));
        Assert.IsNull(TrainWarmUp.Describe(store), "told once");

        // Damaged files are Train's to report: the warm-up passes over them without a word.
        File.WriteAllText(hashCache, "{ not a hash cache");
        var newest = RunTransferTests.WriteRun(store, 2, "another model");
        File.WriteAllText(Path.Combine(store.Folder(newest.RunId), RunFiles.Run), "{ not a record");
        before = Snapshot(folder.Path);
        TrainWarmUp.Warm(hashCache, store);
        TrainWarmUp.Warm(Path.Combine(folder.Path, "no such file.json"), new RunStore(Path.Combine(folder.Path, "no store")));
        CollectionAssert.AreEqual(before, Snapshot(folder.Path));
    }

    [TestMethod]
    public void AStoreWithoutAWarmUpHasNothingToSay() =>
        Assert.IsNull(TrainWarmUp.Describe(new RunStore(Path.Combine(Path.GetTempPath(), "repro-tests", Guid.NewGuid().ToString("N")))));

    private static string[] Snapshot(string root) => Directory.GetFiles(root, "*", SearchOption.AllDirectories)
        .Order(StringComparer.Ordinal)
        .Select(f => $"{Path.GetRelativePath(root, f)} {File.GetLastWriteTimeUtc(f).Ticks} {Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f)))}")
        .ToArray();
}
