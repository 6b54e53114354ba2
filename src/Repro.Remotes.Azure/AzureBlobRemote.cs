using Azure;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Repro.Remotes;

/// <summary>
/// A remote in an Azure Blob Storage container, under a prefix. A create is a conditional upload
/// (<c>If-None-Match: *</c>): a large file goes up as staged blocks that become visible only when the block list is
/// committed, so a failure part way leaves nothing under the key, and a second writer of the same key gets
/// <c>BlobAlreadyExists</c> instead of overwriting.
/// </summary>
public sealed partial class AzureBlobRemote : IRemoteStore
{
    /// <summary>
    /// Up to 256 MiB (the SDK's own default) one Put Blob: one round trip, no commit, as fast as a plain upload. Larger
    /// files go as staged blocks of 8 MiB, four in flight, committed at the end: a failed block is retried alone.
    /// (Measured on Azurite: staged blocks go at about half the speed of one Put Blob; docs/benchmarks.md.)
    /// </summary>
    public static StorageTransferOptions TransferOptions { get; } = new()
    {
        InitialTransferSize = 256 << 20,
        MaximumTransferSize = 8 << 20,
        MaximumConcurrency = 4,
    };

    private readonly BlobContainerClient container;
    private readonly string prefix;

    private AzureBlobRemote(BlobContainerClient container, RemoteLocation location)
    {
        this.container = container;
        prefix = location.Prefix;
        Location = location.ToString();
    }

    /// <summary>azblob://container/prefix: the account and its credential are never part of it.</summary>
    public string Location { get; }

    public Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken cancellation) => Guarded(async () =>
    {
        var keys = new List<string>();
        try
        {
            await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, this.prefix + prefix, cancellation))
            {
                keys.Add(blob.Name[this.prefix.Length..]);
            }
        }
        catch (Exception e) when (AzureFailures.Is(e, 404, BlobErrorCode.ContainerNotFound))
        {
            // A container nobody has written to yet holds no key.
        }

        return (IReadOnlyList<string>)keys;
    }, cancellation);

    public Task<bool> CreateAsync(string key, string sourceFile, IProgress<long>? progress, CancellationToken cancellation) => Guarded(async () =>
    {
        var blob = container.GetBlobClient(prefix + RemoteKeys.Checked(key));
        var options = new BlobUploadOptions
        {
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            ProgressHandler = progress,
            TransferOptions = TransferOptions,
        };
        try
        {
            await Upload(blob, sourceFile, options, cancellation);
            return true;
        }
        catch (Exception e) when (AzureFailures.Is(e, 409, BlobErrorCode.BlobAlreadyExists) || AzureFailures.Is(e, 412, null))
        {
            return false;
        }
    }, cancellation);

    public Task<bool> DownloadAsync(string key, Stream destination, IProgress<long>? progress, CancellationToken cancellation) => Guarded(async () =>
    {
        var blob = container.GetBlobClient(prefix + RemoteKeys.Checked(key));
        try
        {
            await blob.DownloadToAsync(destination, new BlobDownloadToOptions { ProgressHandler = progress, TransferOptions = TransferOptions }, cancellation);
            return true;
        }
        catch (Exception e) when (AzureFailures.Is(e, 404, null))
        {
            return false;
        }
    }, cancellation);

    public void Dispose()
    {
    }

    /// <summary>Uploads, creating the container the first time it is missing (another writer may create it too: 409 is fine).</summary>
    private async Task Upload(BlobClient blob, string sourceFile, BlobUploadOptions options, CancellationToken cancellation)
    {
        try
        {
            await blob.UploadAsync(sourceFile, options, cancellation);
        }
        catch (Exception e) when (AzureFailures.Is(e, 404, BlobErrorCode.ContainerNotFound))
        {
            await container.CreateIfNotExistsAsync(cancellationToken: cancellation);
            await blob.UploadAsync(sourceFile, options, cancellation);
        }
    }

    private async Task<T> Guarded<T>(Func<Task<T>> operation, CancellationToken cancellation)
    {
        try
        {
            return await operation();
        }
        catch (Exception e) when (!cancellation.IsCancellationRequested && AzureFailures.Translate(e, Location) is { } failure)
        {
            throw failure;
        }
    }
}
