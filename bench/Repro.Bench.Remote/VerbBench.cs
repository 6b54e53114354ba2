// The verbs' core against the same emulator: Push and Pull of whole runs next to a plain BlobClient moving the same
// artifact files, and a second Push of a thousand runs that are already there (Azurite and a folder remote).
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Azure.Storage.Blobs;
using Repro;
using Repro.Diagnostics;
using Repro.Fingerprints;
using Repro.Probes;
using Repro.Records;
using Repro.Remotes;
using Repro.Runs;
using Repro.Testing;
using Repro.Training;

internal static class VerbBench
{
    private const int Rounds = 2;
    private const int ManyRuns = 1000;
    private const int SmallModelBytes = 4096;

    private static readonly EnvironmentRecord Environment = EnvironmentProbe.Read("10.0.100", null);

    public static async Task Run(Azurite azurite, string work, IReadOnlyList<string> sources, long size)
    {
        var service = new BlobServiceClient(azurite.ConnectionString);
        IRemoteStore Remote(string container) => AzureBlobRemote.Open(RemoteLocation.Parse($"azblob://{container}/runs", "."),
            name => name == AzureBlobRemote.ConnectionStringVariable ? azurite.ConnectionString : null);

        Console.Error.WriteLine($"Verbs: a run store of {sources.Count} runs, one {size >> 20} MiB artifact each...");
        var store = new RunStore(Path.Combine(work, "store", "runs"));
        var records = sources.Select((source, i) => WriteRun(store, i, artifacts => File.Copy(source, Path.Combine(artifacts, "model.bin")))).ToArray();
        var artifactFiles = records.Select(r => Path.Combine(store.Directory, r.RunId, "artifacts", "model.bin")).ToArray();
        var total = records.Sum(r => r.Artifacts.Sum(a => a.Bytes));

        var rows = new List<string>();
        for (var round = 1; round <= Rounds; round++)
        {
            var plainFirst = round % 2 == 1;
            double plainUp = 0, plainDown = 0, plain4Up = 0, plain4Down = 0, push = 0, pull = 0;
            async Task Plain()
            {
                (plainUp, plainDown) = await PlainTransfer(service, $"plain-r{round}", artifactFiles, records, work, 1);
                (plain4Up, plain4Down) = await PlainTransfer(service, $"plain4-r{round}", artifactFiles, records, work, 4);
            }

            async Task Verbs()
            {
                var remote = Remote($"push-r{round}");
                var log = new ErrorLog();
                var watch = Stopwatch.StartNew();
                var pushed = RunPush.Push(store, remote, null, log);
                push = Seconds(watch, "RunPush.Push");
                Check(pushed.RunsPublished == records.Length && pushed.BytesPushed >= total, $"Push published {pushed.RunsPublished} run(s), {pushed.BytesPushed} bytes");

                var fresh = new RunStore(Path.Combine(work, $"pulled-r{round}", "runs"));
                watch.Restart();
                var pulled = RunPull.Pull(fresh, remote, null, log);
                pull = Seconds(watch, "RunPull.Pull");
                Check(pulled.RunsPulled == records.Length && pulled.BytesPulled >= total, $"Pull brought {pulled.RunsPulled} run(s), {pulled.BytesPulled} bytes");
                for (var i = 0; i < records.Length; i++)
                {
                    Check(Sha256(Path.Combine(fresh.Directory, records[i].RunId, "artifacts", "model.bin")) == records[i].Artifacts[0].Sha256, "a pulled artifact differs");
                }

                Directory.Delete(Path.GetDirectoryName(fresh.Directory)!, recursive: true);
                await service.DeleteBlobContainerAsync($"push-r{round}");
            }

            Console.Error.WriteLine($"Round {round}: {(plainFirst ? "plain first" : "Repro first")}");
            if (plainFirst)
            {
                await Plain();
                await Verbs();
            }
            else
            {
                await Verbs();
                await Plain();
            }

            rows.Add($"| {round} ({(plainFirst ? "plain first" : "Repro first")}) | {Rate(total, plainUp)} | {Rate(total, plain4Up)} | {Rate(total, push)} " +
                $"| **{plainUp / push:0.00}×** / {plain4Up / push:0.00}× | {Rate(total, plainDown)} | {Rate(total, plain4Down)} | {Rate(total, pull)} " +
                $"| **{plainDown / pull:0.00}×** / {plain4Down / pull:0.00}× |");
        }

        Directory.Delete(Path.GetDirectoryName(store.Directory)!, recursive: true);
        var many = await SecondPush(work, Remote("many"));

        Console.WriteLine();
        Console.WriteLine($"Push and Pull: {records.Length} runs × one {size >> 20} MiB artifact = {total / (1 << 20)} MiB (MB/s of artifact bytes; Push and Pull move 4 at once, as the verbs do).");
        Console.WriteLine();
        Console.WriteLine("| round | upload plain MB/s | plain 4 at once | `RunPush.Push` | Push / plain (1 / 4 at once) | download plain MB/s | plain 4 at once | `RunPull.Pull` | Pull / plain (1 / 4 at once) |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        rows.ForEach(Console.WriteLine);
        Console.WriteLine();
        Console.WriteLine($"Second Push of {ManyRuns} runs of {SmallModelBytes / 1024} KiB artifacts each (after a first Push; fastest and slowest of 3):");
        Console.WriteLine();
        Console.WriteLine("| remote | first Push s | second Push s | one listing of the remote alone, s | bytes moved by the second |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
        many.ForEach(Console.WriteLine);
    }

    /// <summary>1,000 small runs pushed once, then pushed again three times: nothing should move, and quickly.</summary>
    private static async Task<List<string>> SecondPush(string work, IRemoteStore azure)
    {
        Console.Error.WriteLine($"Verbs: a run store of {ManyRuns} small runs...");
        var store = new RunStore(Path.Combine(work, "many", "runs"));
        for (var i = 0; i < ManyRuns; i++)
        {
            WriteRun(store, i, artifacts => SeededBytes.Write(Path.Combine(artifacts, "model.bin"), SmallModelBytes, $"bench/remote.sh small run {i}"));
        }

        var folder = Directory.CreateDirectory(Path.Combine(work, "folder-remote")).FullName;
        var rows = new List<string>();
        foreach (var (name, remote) in new[] { ("Azurite (`AzureBlobRemote`)", azure), ("folder (`FolderRemote`)", new FolderRemote(folder)) })
        {
            var log = new ErrorLog();
            var watch = Stopwatch.StartNew();
            var first = await RunPush.PushAsync(store, remote, null, log, 4, CancellationToken.None);
            var firstSeconds = Seconds(watch, $"first Push of {ManyRuns} runs to {name}");
            Check(first.RunsPublished == ManyRuns, $"the first Push published {first.RunsPublished} run(s)");
            var seconds = new List<double>();
            var listing = new List<double>();
            long moved = 0;
            for (var i = 0; i < 3; i++)
            {
                watch.Restart();
                var again = await RunPush.PushAsync(store, remote, null, log, 4, CancellationToken.None);
                seconds.Add(Seconds(watch, $"second Push of {ManyRuns} runs to {name}"));
                Check(again.RunsAlreadyThere == ManyRuns && again.RunsPublished == 0, $"the second Push published {again.RunsPublished} run(s)");
                moved += again.BytesPushed;
                watch.Restart();
                var keys = await remote.ListAsync("", CancellationToken.None);
                listing.Add(Seconds(watch, $"the listing alone ({keys.Count} keys)"));
            }

            rows.Add($"| {name} | {firstSeconds:0.00} | {seconds.Min():0.00} – {seconds.Max():0.00} | {listing.Min():0.00} – {listing.Max():0.00} | {moved} |");
        }

        Directory.Delete(Path.GetDirectoryName(store.Directory)!, recursive: true);
        Directory.Delete(folder, recursive: true);
        return rows;
    }

    /// <summary>The same artifact files up with BlobClient.UploadAsync(path) and back with DownloadToAsync(path), SDK defaults.</summary>
    private static async Task<(double Up, double Down)> PlainTransfer(BlobServiceClient service, string name, string[] files, RunRecord[] records,
        string work, int atOnce)
    {
        var container = service.GetBlobContainerClient(name);
        await container.CreateIfNotExistsAsync();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = atOnce };
        var watch = Stopwatch.StartNew();
        await Parallel.ForAsync(0, files.Length, parallel, async (i, _) => await container.GetBlobClient($"f{i}").UploadAsync(files[i]));
        var up = Seconds(watch, $"plain upload, {atOnce} at once");

        var back = Directory.CreateDirectory(Path.Combine(work, name)).FullName;
        watch.Restart();
        await Parallel.ForAsync(0, files.Length, parallel, async (i, _) => await container.GetBlobClient($"f{i}").DownloadToAsync(Path.Combine(back, $"f{i}")));
        var down = Seconds(watch, $"plain download, {atOnce} at once");
        for (var i = 0; i < files.Length; i++)
        {
            Check(Sha256(Path.Combine(back, $"f{i}")) == records[i].Artifacts[0].Sha256, "a plain download differs");
        }

        Directory.Delete(back, recursive: true);
        await container.DeleteAsync();
        return (up, down);
    }

    /// <summary>A valid, completed run folder: config.json, metrics.json, artifacts/model.bin, and a run.json that agrees with them.</summary>
    private static RunRecord WriteRun(RunStore store, int minute, Action<string> writeArtifacts)
    {
        var started = DateTimeOffset.UnixEpoch.AddYears(56).AddMinutes(minute);
        var id = RunId.New(started);
        var folder = Directory.CreateDirectory(Path.Combine(store.Directory, id)).FullName;
        File.WriteAllText(Path.Combine(folder, RunFiles.Config), "{\"seed\": " + minute.ToString(CultureInfo.InvariantCulture) + "}");
        File.WriteAllText(Path.Combine(folder, RunFiles.Metrics), "{\"accuracy\": 0.9}");
        writeArtifacts(Directory.CreateDirectory(Path.Combine(folder, "artifacts")).FullName);
        var record = new RunRecord
        {
            RunId = id,
            Experiment = "bench",
            Status = RunStatus.Completed,
            Seed = minute,
            Params = new(StringComparer.Ordinal),
            Overrides = [],
            Metrics = new(StringComparer.Ordinal) { ["accuracy"] = 0.9 },
            Git = new GitRecord(new string('a', 40), false, "main", null),
            Data = [],
            Artifacts = FileFingerprint.Of(folder, ["artifacts"]),
            Program = new ProgramRecord("bin/Release/net10.0/Bench.dll", new string('f', 64), "net10.0"),
            Environment = Environment,
            Files = new RecordFiles(FileHash.Sha256(Path.Combine(folder, RunFiles.Config)), FileHash.Sha256(Path.Combine(folder, RunFiles.Metrics))),
            StartedAt = started,
            DurationMs = 1000,
            Command = "bench/remote.sh",
        };
        RecordJson.WriteRecord(Path.Combine(folder, RunFiles.Run), record);
        return record;
    }

    private static double Seconds(Stopwatch watch, string what)
    {
        var seconds = watch.Elapsed.TotalSeconds;
        Console.Error.WriteLine($"{what}: {seconds:0.000} s");
        return seconds;
    }

    private static string Rate(long bytes, double seconds) => (bytes / 1e6 / seconds).ToString("0", CultureInfo.InvariantCulture);

    private static void Check(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException(what);
        }
    }

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>Only warnings and errors reach the console: per-file progress would be timed along with the transfer.</summary>
    internal sealed class ErrorLog : IRunLog
    {
        public void Progress(string message)
        {
        }

        public void Detail(string message)
        {
        }

        public void Warning(string code, string message) => Console.Error.WriteLine($"warning {code}: {message}");

        public void Error(string code, string message) => Console.Error.WriteLine($"error {code}: {message}");
    }
}
