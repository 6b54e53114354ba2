// Upload then download of the same files through AzureBlobRemote and through a plain BlobClient (SDK defaults, and
// Repro's transfer options), against Azurite on loopback, in one run; prints a markdown table (MB = 10^6 bytes).
// Then the verbs' core (VerbBench): Push and Pull of whole runs holding the same files, and a second Push of 1,000 runs.
// Then a model into the shared model cache (ModelCacheBench) against a plain copy or download of it.
// Usage: Repro.Bench.Remote [FILES] [MIB_PER_FILE] [all|blob|verbs|models]
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Repro.Remotes;
using Repro.Testing;

var files = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 8;
var mebibytes = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 128;
var section = args.Length > 2 ? args[2] : "all";
var size = (long)mebibytes << 20;
var total = size * files;
Azurite.Log = Console.Error.WriteLine;

var work = Path.Combine(Path.GetTempPath(), "repro-bench-remote-" + Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(work);
var hashes = new string[files];
try
{
    Console.Error.WriteLine($"Writing {files} files of {mebibytes} MiB of seeded bytes (SHA-256 counter mode)...");
    var sources = Enumerable.Range(0, files).Select(i =>
    {
        var path = Path.Combine(work, $"source-{i}.bin");
        SeededBytes.Write(path, size, $"bench/remote.sh file {i}");
        return path;
    }).ToArray();
    for (var i = 0; i < files; i++)
    {
        hashes[i] = Sha256(sources[i]);
    }

    using var azurite = Azurite.Start();
    if (section is "all" or "blob")
    {
        var plain = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("plain");
        await plain.CreateIfNotExistsAsync();
        using var remote = AzureBlobRemote.Open(RemoteLocation.Parse("azblob://repro/bench", "."),
            name => name == AzureBlobRemote.ConnectionStringVariable ? azurite.ConnectionString : null);

        // Per direction: plain with the SDK's defaults, plain with Repro's transfer options, then Repro; the same bytes,
        // the same emulator, the same page cache. The middle row separates Repro's own cost from the choice of transfer.
        var tuned = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("tuned");
        await tuned.CreateIfNotExistsAsync();
        var upload = new BlobUploadOptions { TransferOptions = AzureBlobRemote.TransferOptions };
        var download = new BlobDownloadToOptions { TransferOptions = AzureBlobRemote.TransferOptions };
        var plainUp = await Timed("plain BlobClient.UploadAsync", async i => await plain.GetBlobClient($"f{i}").UploadAsync(sources[i]));
        var tunedUp = await Timed("plain BlobClient.UploadAsync, Repro's transfer options", async i => await tuned.GetBlobClient($"f{i}").UploadAsync(sources[i], upload));
        var reproUp = await Timed("AzureBlobRemote.CreateAsync", async i =>
        {
            if (!await remote.CreateAsync($"f{i}", sources[i], null, CancellationToken.None))
            {
                throw new InvalidOperationException($"f{i} was already on the remote");
            }
        });
        var plainDown = await Timed("plain BlobClient.DownloadToAsync", async i => await plain.GetBlobClient($"f{i}").DownloadToAsync(Back(i)));
        CheckAll();
        var tunedDown = await Timed("plain BlobClient.DownloadToAsync, Repro's transfer options", async i => await tuned.GetBlobClient($"f{i}").DownloadToAsync(Back(i), download));
        CheckAll();
        var reproDown = await Timed("AzureBlobRemote.DownloadAsync", async i =>
        {
            await using var back = File.Create(Back(i));
            if (!await remote.DownloadAsync($"f{i}", back, null, CancellationToken.None))
            {
                throw new InvalidOperationException($"f{i} is not on the remote");
            }
        });
        CheckAll();

        var options = AzureBlobRemote.TransferOptions;
        Console.WriteLine($"Azurite {Azurite.Version} on loopback, {files} files × {mebibytes} MiB = {total / (1 << 20)} MiB, {Environment.ProcessorCount} cores; MB = 10^6 bytes.");
        Console.WriteLine($"Repro's transfer options: one request up to {options.InitialTransferSize >> 20} MiB, else blocks of {options.MaximumTransferSize >> 20} MiB, {options.MaximumConcurrency} at a time.");
        Console.WriteLine();
        Console.WriteLine("| path | upload s | upload MB/s | download s | download MB/s |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
        Console.WriteLine($"| plain `BlobClient`, SDK defaults | {plainUp:0.00} | {Rate(plainUp)} | {plainDown:0.00} | {Rate(plainDown)} |");
        Console.WriteLine($"| plain `BlobClient`, Repro's transfer options | {tunedUp:0.00} | {Rate(tunedUp)} | {tunedDown:0.00} | {Rate(tunedDown)} |");
        Console.WriteLine($"| `AzureBlobRemote` | {reproUp:0.00} | {Rate(reproUp)} | {reproDown:0.00} | {Rate(reproDown)} |");
        Console.WriteLine($"| ratio Repro / plain defaults | | {plainUp / reproUp:0.00} | | {plainDown / reproDown:0.00} |");
        Console.WriteLine($"| ratio Repro / plain, same options | | {tunedUp / reproUp:0.00} | | {tunedDown / reproDown:0.00} |");
    }

    if (section is "all" or "verbs")
    {
        await VerbBench.Run(azurite, work, sources, size);
    }

    if (section is "all" or "models")
    {
        await ModelCacheBench.Run(azurite, work, sources[0], hashes[0]);
    }
}
finally
{
    Directory.Delete(work, recursive: true);
}

string Back(int i) => Path.Combine(work, $"back-{i}.bin");

// After the timing: every file came back byte for byte.
void CheckAll()
{
    for (var i = 0; i < files; i++)
    {
        if (Sha256(Back(i)) != hashes[i])
        {
            throw new InvalidOperationException($"f{i} came back different");
        }

        File.Delete(Back(i));
    }
}

async Task<double> Timed(string what, Func<int, Task> step)
{
    Console.Error.WriteLine($"{what}: {files} files...");
    var watch = Stopwatch.StartNew();
    for (var i = 0; i < files; i++)
    {
        await step(i);
    }

    Console.Error.WriteLine($"{what}: {watch.Elapsed.TotalSeconds:0.00} s");
    return watch.Elapsed.TotalSeconds;
}

string Rate(double seconds) => (total / 1e6 / seconds).ToString("0", CultureInfo.InvariantCulture);

static string Sha256(string path)
{
    using var stream = File.OpenRead(path);
    return Convert.ToHexStringLower(SHA256.HashData(stream));
}
