using Repro.Core.Tests.Remotes;
using Repro.Runs;

namespace Repro.Core.Tests;

[TestClass]
public sealed class RecordCacheTests
{
    [TestMethod]
    public void ARecordIsReadOnceWhileItsFileIsUnchangedAndAgainOnceItChanges()
    {
        using var folder = new TempFolder();
        var store = new RunStore(Path.Combine(folder.Path, "runs"));
        var run = RunTransferTests.WriteRun(store, 1, "a model");
        var cache = new RecordCache(store);

        var first = cache.Read(run.RunId);
        Assert.AreEqual(run.RunId, first.Record?.RunId);
        Assert.AreSame(first, cache.Read(run.RunId), "an unchanged file is not read again");

        var path = Path.Combine(store.Folder(run.RunId), RunFiles.Run);
        var text = File.ReadAllText(path);
        var written = File.GetLastWriteTimeUtc(path);
        File.WriteAllText(path, text.Replace("\"completed\"", "\"cancelled\"", StringComparison.Ordinal));
        File.SetLastWriteTimeUtc(path, written.AddSeconds(1)); // the same length: the time tells
        Assert.AreEqual(Records.RunStatus.Cancelled, cache.Read(run.RunId).Record?.Status);

        File.WriteAllText(path, "{ not a record");
        File.SetLastWriteTimeUtc(path, written.AddSeconds(1)); // the same time: the length tells
        Assert.AreEqual(Diagnostics.ErrorCode.DamagedRecord, cache.Read(run.RunId).Problem?.Code);

        File.Delete(path);
        StringAssert.Contains(cache.Read(run.RunId).Problem?.Message, "it has no run.json", "a record gone is gone, whatever was read before");
    }
}
