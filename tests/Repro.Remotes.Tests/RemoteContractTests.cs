using System.Security.Cryptography;

namespace Repro.Remotes.Tests;

/// <summary>
/// What every remote promises (IRemoteStore): a key is written once and read back byte for byte, a second create
/// changes nothing, an absent key is no error, progress is reported, and a listing sees only its prefix. Each kind of
/// remote runs these through a subclass that opens a fresh, empty remote per test.
/// </summary>
public abstract class RemoteContractTests
{
    private readonly TempFolder temp = new();

    /// <summary>A fresh, empty remote no other test sees.</summary>
    protected abstract IRemoteStore OpenEmpty();

    [TestCleanup]
    public void RemoveTemp() => temp.Dispose();

    [TestMethod]
    public async Task CreateThenListAndDownloadGiveTheSameBytes()
    {
        using var remote = OpenEmpty();
        var source = temp.Bytes("model.bin", 300_000, "create-then-read");
        var key = RemoteKeys.Content(Sha256(source));

        Assert.IsTrue(await remote.CreateAsync(key, source, null, CancellationToken.None));

        CollectionAssert.AreEqual(new[] { key }, (await remote.ListAsync("", CancellationToken.None)).ToArray());
        CollectionAssert.AreEqual(File.ReadAllBytes(source), await Download(remote, key));
    }

    [TestMethod]
    public async Task ASecondCreateOfTheSameKeyReturnsFalseAndKeepsTheFirstBytes()
    {
        using var remote = OpenEmpty();
        var first = temp.Bytes("first.json", 4_000, "first");
        var second = temp.Bytes("second.json", 5_000, "second");
        var key = RemoteKeys.Run("20261122-064153-558-441618");

        Assert.IsTrue(await remote.CreateAsync(key, first, null, CancellationToken.None));
        Assert.IsFalse(await remote.CreateAsync(key, second, null, CancellationToken.None));

        CollectionAssert.AreEqual(File.ReadAllBytes(first), await Download(remote, key));
        Assert.HasCount(1, await remote.ListAsync("", CancellationToken.None));
    }

    [TestMethod]
    public async Task DownloadOfAnAbsentKeyIsFalseAndWritesNothing()
    {
        using var remote = OpenEmpty();
        using var destination = new MemoryStream();

        Assert.IsFalse(await remote.DownloadAsync(RemoteKeys.Run("20261122-000000-000-000000"), destination, null, CancellationToken.None));

        Assert.AreEqual(0, destination.Length);
        Assert.IsEmpty(await remote.ListAsync("", CancellationToken.None));
    }

    [TestMethod]
    public async Task ATwentyMegabyteUploadAndDownloadReportProgressUpToTheirSize()
    {
        using var remote = OpenEmpty();
        const long size = 20L << 20;
        var source = temp.Bytes("data.bin", size, "twenty");
        var key = RemoteKeys.Content(Sha256(source));
        var sent = new RecordedProgress();
        var received = new RecordedProgress();

        Assert.IsTrue(await remote.CreateAsync(key, source, sent, CancellationToken.None));
        await using (var destination = File.Create(temp.File("back.bin")))
        {
            Assert.IsTrue(await remote.DownloadAsync(key, destination, received, CancellationToken.None));
        }

        Assert.IsGreaterThan(1, sent.Reports.Count, "one report for 20 MB is no progress");
        Assert.AreEqual(size, sent.Reports.Max());
        Assert.IsGreaterThan(1, received.Reports.Count);
        Assert.AreEqual(size, received.Reports.Max());
        Assert.AreEqual(Sha256(source), Sha256(temp.File("back.bin")));
    }

    [TestMethod]
    public async Task AListingSeesOnlyTheKeysUnderItsPrefix()
    {
        using var remote = OpenEmpty();
        var bytes = temp.Bytes("blob", 1_000, "prefix");
        var content = RemoteKeys.Content(Sha256(bytes));
        string[] runs = [RemoteKeys.Run("20261122-064153-558-441618"), RemoteKeys.Run("20261123-143204-918-6992d2")];
        foreach (var key in runs.Append(content).Append(RemoteKeys.Group("g-1")))
        {
            Assert.IsTrue(await remote.CreateAsync(key, bytes, null, CancellationToken.None));
        }

        CollectionAssert.AreEquivalent(runs, (await remote.ListAsync(RemoteKeys.RunsFolder, CancellationToken.None)).ToArray());
        CollectionAssert.AreEquivalent(new[] { content }, (await remote.ListAsync(content[..3], CancellationToken.None)).ToArray());
        Assert.HasCount(4, await remote.ListAsync("", CancellationToken.None));
        Assert.IsEmpty(await remote.ListAsync("models/", CancellationToken.None));
    }

    protected static async Task<byte[]> Download(IRemoteStore remote, string key)
    {
        using var destination = new MemoryStream();
        Assert.IsTrue(await remote.DownloadAsync(key, destination, null, CancellationToken.None), $"{key} is not on {remote.Location}");
        return destination.ToArray();
    }

    protected static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}

[TestClass]
public sealed class FolderRemoteContractTests : RemoteContractTests
{
    private readonly List<TempFolder> roots = [];

    [TestCleanup]
    public void RemoveRoots() => roots.ForEach(root => root.Dispose());

    protected override IRemoteStore OpenEmpty()
    {
        var root = new TempFolder();
        roots.Add(root);
        return new FolderRemote(root.Path);
    }
}
