// A model into the shared model cache (what a service's build does when its model is not local), next to a plain copy
// or download of the same file; then the next build's ModelCache.Ensure, which should read none of the model's bytes.
using System.Diagnostics;
using System.Globalization;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Repro;
using Repro.Diagnostics;
using Repro.Fingerprints;
using Repro.Remotes;
using Repro.Runs;
using Repro.Serving;
using Repro.Testing;
using Repro.Verbs;

internal static class ModelCacheBench
{
    private const int Rounds = 4;
    private const string FolderPlain = "folder: plain `File.Copy`";
    private const string FolderPlainHashed = "folder: `File.Copy`, then the copy's SHA-256";
    private const string FolderRepro = "folder: `ModelCache.Ensure` (pull, SHA-256 on the way, place)";
    private const string AzuritePlain = "Azurite: plain `BlobClient.DownloadToAsync`, SDK defaults";
    private const string AzuritePlainTuned = "Azurite: plain `BlobClient.DownloadToAsync`, Repro's transfer options";
    private const string AzuriteRepro = "Azurite: `ModelCache.Ensure` (pull, SHA-256 on the way, place)";

    public static async Task Run(Azurite azurite, string work, string source, string sha256)
    {
        var bytes = new FileInfo(source).Length;
        var key = RemoteKeys.Content(sha256);
        var log = new VerbBench.ErrorLog();
        var folderRoot = Directory.CreateDirectory(Path.Combine(work, "model-remote")).FullName;
        IRemoteStore Folder() => new FolderRemote(folderRoot);
        IRemoteStore Azure() => AzureBlobRemote.Open(RemoteLocation.Parse("azblob://models/bench", "."),
            name => name == AzureBlobRemote.ConnectionStringVariable ? azurite.ConnectionString : null);
        Console.Error.WriteLine($"Models: one {bytes >> 20} MiB model on a folder remote and on Azurite...");
        foreach (var open in new[] { Folder, Azure })
        {
            using var remote = open();
            await remote.CreateAsync(key, source, null, CancellationToken.None);
        }

        var blob = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("models").GetBlobClient("bench/" + key);
        // The experiment project has the run's record but not its model: a clone, or a CI machine.
        var project = new ProjectSettings(Path.Combine(work, "experiment", "experiment.csproj"));
        var model = new ResolvedModel("bench-model@1", "bench-model", null, 1, RunId.New(DateTimeOffset.UnixEpoch.AddYears(56)), "model.bin",
            sha256, bytes, new(StringComparer.Ordinal), DateTimeOffset.UnixEpoch);
        var plainTarget = Path.Combine(work, "plain.bin");
        var cacheRoot = Path.Combine(work, "model-cache");

        var times = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        void Add(string row, double seconds)
        {
            if (!times.TryGetValue(row, out var list))
            {
                times[row] = list = [];
            }

            list.Add(seconds);
            Console.Error.WriteLine($"{row}: {seconds:0.000} s");
        }

        for (var round = 1; round <= Rounds; round++)
        {
            var steps = new (string Row, Func<Task> Step)[]
            {
                (FolderPlain, () => { File.Copy(Path.Combine(folderRoot, key), plainTarget); return Task.CompletedTask; }),
                (FolderPlainHashed, () => { File.Copy(Path.Combine(folderRoot, key), plainTarget); FileHash.Sha256(plainTarget); return Task.CompletedTask; }),
                (FolderRepro, () => { Ensure(model, project, Folder, cacheRoot, log); return Task.CompletedTask; }),
                (AzuritePlain, async () => await blob.DownloadToAsync(plainTarget)),
                (AzuritePlainTuned, async () => await blob.DownloadToAsync(plainTarget, new BlobDownloadToOptions { TransferOptions = AzureBlobRemote.TransferOptions })),
                (AzuriteRepro, () => { Ensure(model, project, Azure, cacheRoot, log); return Task.CompletedTask; }),
            };
            // Odd rounds in this order, even rounds in the reverse: no path always meets a warm page cache.
            var ordered = round % 2 == 1 ? steps : steps.Reverse().ToArray();
            foreach (var (row, step) in ordered)
            {
                File.Delete(plainTarget);
                if (Directory.Exists(cacheRoot))
                {
                    Directory.Delete(cacheRoot, recursive: true);
                }

                var watch = Stopwatch.StartNew();
                await step();
                Add(row, watch.Elapsed.TotalSeconds);
                var placed = File.Exists(plainTarget) ? plainTarget : new ModelCache(cacheRoot, log).PathOf(sha256);
                Check(FileHash.Sha256(placed) == sha256, $"{row}: the file differs");
            }
        }

        // The next build: the model is in the cache (pulled once more here); its stat is all that is read.
        Ensure(model, project, Folder, cacheRoot, log);
        var hashed = 0L;
        var next = new List<double>();
        for (var build = 0; build < 5; build++)
        {
            var cache = new ModelCache(cacheRoot, log, path =>
            {
                hashed += new FileInfo(path).Length;
                return FileHash.Sha256(path);
            });
            var watch = Stopwatch.StartNew();
            cache.Ensure(model, project, _ => throw new InvalidOperationException("the next build went to the remote"));
            next.Add(watch.Elapsed.TotalMilliseconds);
        }

        Console.WriteLine();
        Console.WriteLine($"One model of {bytes >> 20} MiB ({bytes:N0} bytes) of seeded bytes, {Rounds} rounds, the order swapped; {Environment.ProcessorCount} cores; MB = 10^6 bytes.");
        Console.WriteLine();
        Console.WriteLine("| path | median s | MB/s | ModelCache.Ensure / this |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        foreach (var (repro, plains) in new[] { (FolderRepro, new[] { FolderPlain, FolderPlainHashed }), (AzuriteRepro, new[] { AzuritePlain, AzuritePlainTuned }) })
        {
            var ensure = Median(times[repro]);
            foreach (var plain in plains)
            {
                var seconds = Median(times[plain]);
                Console.WriteLine($"| {plain} | {seconds:0.00} | {bytes / 1e6 / seconds:0} | {ensure / seconds:0.00}× |");
            }

            Console.WriteLine($"| {repro} | {ensure:0.00} | {bytes / 1e6 / ensure:0} | |");
        }

        Console.WriteLine();
        Console.WriteLine($"The next build's ModelCache.Ensure of the cached model: median {Median(next).ToString("0.00", CultureInfo.InvariantCulture)} ms over {next.Count} builds, {hashed:N0} model bytes read.");
    }

    private static void Ensure(ResolvedModel model, ProjectSettings project, Func<IRemoteStore> remote, string cacheRoot, IRunLog log) =>
        new ModelCache(cacheRoot, log).Ensure(model, project, _ => remote());

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static void Check(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException(what);
        }
    }
}
