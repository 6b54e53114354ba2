using Repro.Testing;

namespace Repro.Remotes.Tests;

/// <summary>The remote contract against the real Azure Storage emulator, each test under a prefix of its own.</summary>
[TestClass]
public sealed class AzureBlobRemoteContractTests : RemoteContractTests
{
    private static Azurite? azurite;

    [ClassInitialize]
    public static void StartEmulator(TestContext context) => azurite = Azurite.Start();

    [ClassCleanup]
    public static void StopEmulator() => azurite?.Dispose();

    protected override IRemoteStore OpenEmpty() => AzureBlobRemote.Open(
        RemoteLocation.Parse($"azblob://contract/{Guid.NewGuid():N}/store", "."),
        name => name == AzureBlobRemote.ConnectionStringVariable ? azurite!.ConnectionString : null);
}
