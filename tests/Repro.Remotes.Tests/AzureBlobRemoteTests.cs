using System.Security.Cryptography;
using System.Text;
using Azure.Storage.Blobs;
using Repro.Diagnostics;
using Repro.Testing;

namespace Repro.Remotes.Tests;

/// <summary>
/// What only the Azure remote has to get right, against a real emulator: a remote that dies mid-upload fails in
/// seconds and leaves nothing under the key; credentials that are missing or refused say so; and no credential ever
/// reaches a message, a Location or an exception.
/// </summary>
[TestClass]
public sealed class AzureBlobRemoteTests
{
    private static Azurite azurite = null!;
    private readonly TempFolder temp = new();

    [ClassInitialize]
    public static void StartEmulator(TestContext context) => azurite = Azurite.Start();

    [ClassCleanup]
    public static void StopEmulator() => azurite.Dispose();

    [TestCleanup]
    public void RemoveTemp() => temp.Dispose();

    [TestMethod]
    public async Task AnEmulatorKilledMidUploadFailsTheCreateQuicklyAndLeavesNothingUnderTheKey()
    {
        var source = temp.Bytes("big.bin", 200L << 20, "killed mid-upload");
        var key = RemoteKeys.Content(Sha256(source));
        using var remote = Open("azblob://killed/store", azurite.ConnectionString);
        var partWay = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var progress = new RecordedProgress { OnReport = sent => { if (sent >= 40 << 20) partWay.TrySetResult(); } };

        var upload = remote.CreateAsync(key, source, progress, CancellationToken.None);
        await partWay.Task.WaitAsync(TimeSpan.FromMinutes(2));
        azurite.Kill();
        var afterKill = System.Diagnostics.Stopwatch.StartNew();
        // Bounded so a client that retries for minutes fails here instead of hanging the run.
        var failure = await Assert.ThrowsExactlyAsync<ReproException>(() => upload.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.AreEqual("REPRO0081", failure.Code, failure.Message);
        Console.WriteLine($"failed {afterKill.Elapsed.TotalSeconds:0.0} s after the kill, at {progress.Reports.Max() >> 20} MiB sent: {failure.Message}");
        StringAssert.Contains(failure.Message, "azblob://killed/store");
        Assert.IsLessThan(200L << 20, progress.Reports.Max(), "the upload was not cut part way");

        azurite.Restart();
        Assert.IsEmpty(await remote.ListAsync("", CancellationToken.None));
        using (var nothing = new MemoryStream())
        {
            Assert.IsFalse(await remote.DownloadAsync(key, nothing, null, CancellationToken.None));
        }

        Assert.IsTrue(await remote.CreateAsync(key, source, null, CancellationToken.None));
        await using (var back = File.Create(temp.File("back.bin")))
        {
            Assert.IsTrue(await remote.DownloadAsync(key, back, null, CancellationToken.None));
        }

        Assert.AreEqual(key[3..], Sha256(temp.File("back.bin")));
    }

    [TestMethod]
    public async Task KeysLiveUnderThePrefixAndTheContainerIsCreatedOnTheFirstCreate()
    {
        var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("layout");
        Assert.IsFalse((await container.ExistsAsync()).Value);
        using var remote = Open("azblob://layout/team/a", azurite.ConnectionString);
        using var parent = Open("azblob://layout/team", azurite.ConnectionString);

        Assert.IsTrue(await remote.CreateAsync("runs/r1.json", temp.Bytes("r1.json", 100, "r1"), null, CancellationToken.None));

        Assert.IsTrue((await container.GetBlobClient("team/a/runs/r1.json").ExistsAsync()).Value);
        CollectionAssert.AreEqual(new[] { "a/runs/r1.json" }, (await parent.ListAsync("", CancellationToken.None)).ToArray());
        CollectionAssert.AreEqual(new[] { "runs/r1.json" }, (await remote.ListAsync("runs/", CancellationToken.None)).ToArray());
    }

    [TestMethod]
    public void NoCredentialsIsRemoteCredentialsNamingTheVariables()
    {
        var failure = Assert.ThrowsExactly<ReproException>(() => AzureBlobRemote.Open(RemoteLocation.Parse("azblob://team/p", "."), _ => null));

        Assert.AreEqual("REPRO0085", failure.Code);
        StringAssert.Contains(failure.Message, "AZURE_STORAGE_CONNECTION_STRING");
        StringAssert.Contains(failure.Message, "AZURE_STORAGE_ACCOUNT_URL");
    }

    [TestMethod]
    public async Task AWrongAccountKeyIsRemoteCredentialsAndTheKeyIsNeverShown()
    {
        var wrongKey = Convert.ToBase64String(SHA512.HashData(Encoding.UTF8.GetBytes("not the account key")));
        var connectionString = azurite.WithKey(wrongKey);
        using var remote = Open("azblob://refused/store", connectionString);
        var source = temp.Bytes("r.json", 100, "refused");

        var onCreate = await Assert.ThrowsExactlyAsync<ReproException>(() => remote.CreateAsync("runs/r.json", source, null, CancellationToken.None));
        var onList = await Assert.ThrowsExactlyAsync<ReproException>(() => remote.ListAsync("", CancellationToken.None));
        var onDownload = await Assert.ThrowsExactlyAsync<ReproException>(() => remote.DownloadAsync("runs/r.json", Stream.Null, null, CancellationToken.None));

        foreach (var failure in new[] { onCreate, onList, onDownload })
        {
            Assert.AreEqual(ErrorCode.RemoteCredentials, failure.Code, failure.Message);
            StringAssert.Contains(failure.Message, "azblob://refused/store");
            NeverShows(failure, wrongKey, connectionString, Azurite.AccountKey);
        }

        Assert.AreEqual("azblob://refused/store", remote.Location);
    }

    [TestMethod]
    public void AConnectionStringThatDoesNotParseIsRemoteCredentialsWithoutQuotingIt()
    {
        const string secret = "DefaultEndpointsProtocol=https;AccountName=team;AccountKey=%%not-base64-s3cret%%;EndpointSuffix=core.windows.net";

        var failure = Assert.ThrowsExactly<ReproException>(() => Open("azblob://team/p", secret));

        Assert.AreEqual(ErrorCode.RemoteCredentials, failure.Code);
        NeverShows(failure, secret, "s3cret");
    }

    [TestMethod]
    public async Task AnEndpointNobodyAnswersIsRemoteUnavailableWithinSeconds()
    {
        // A port that was free a moment ago: nothing listens there.
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var connectionString = azurite.ConnectionString.Replace($":{azurite.Port}/", $":{port}/", StringComparison.Ordinal);
        using var remote = Open("azblob://gone/store", connectionString);

        var failure = await Assert.ThrowsExactlyAsync<ReproException>(
            () => remote.ListAsync("", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60)));

        Assert.AreEqual(ErrorCode.RemoteUnavailable, failure.Code, failure.Message);
        NeverShows(failure, connectionString, Azurite.AccountKey);
    }

    [TestMethod]
    public void AnAccountNameOrUrlOpensWithoutSendingAnythingAndABadUrlIsRefused()
    {
        using var byName = AzureBlobRemote.Open(RemoteLocation.Parse("azblob://models/team", "."),
            name => name == AzureBlobRemote.AccountVariable ? "reproteam" : null);
        Assert.AreEqual("azblob://models/team", byName.Location);

        var failure = Assert.ThrowsExactly<ReproException>(() => AzureBlobRemote.Open(RemoteLocation.Parse("azblob://models", "."),
            name => name == AzureBlobRemote.AccountUrlVariable ? "not a url?sig=s3cret" : null));
        Assert.AreEqual(ErrorCode.RemoteCredentials, failure.Code);
        NeverShows(failure, "s3cret");
    }

    private static AzureBlobRemote Open(string location, string connectionString) => AzureBlobRemote.Open(
        RemoteLocation.Parse(location, "."), name => name == AzureBlobRemote.ConnectionStringVariable ? connectionString : null);

    /// <summary>Not in the message, nor anywhere in the exception as it would be logged (inner exceptions, stacks).</summary>
    private static void NeverShows(Exception failure, params string[] secrets)
    {
        var logged = failure.ToString();
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, logged, "a credential reached the exception");
        }
    }

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
