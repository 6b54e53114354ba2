using Repro.Diagnostics;
using Repro.Fingerprints;
using Repro.Processes;
using Repro.Profiles;

namespace Repro.Core.Tests;

[TestClass]
public sealed class HashCacheTests
{
    // Files are dated back so they count as settled: a file written this very second is hashed again next time.
    private static readonly DateTime AnHourAgo = DateTime.UtcNow.AddHours(-1);

    [TestMethod]
    public void AnUnchangedFileIsNotReadAgainByTheNextBuild()
    {
        using var folder = new TempFolder();
        var data = Settled(folder.Write("data.csv", "a,b\n1,2\n"));
        var cachePath = Path.Combine(folder.Path, "obj", "repro", "hashes.json");

        var first = new CountingHasher();
        var sha256 = HashAndSave(HashCache.Open(cachePath, new TestLog(), first.Hash), data);
        Assert.AreEqual(1, first.Reads);
        Assert.AreEqual(FileHash.Sha256(data), sha256);

        var second = new CountingHasher();
        var cache = HashCache.Open(cachePath, new TestLog(), second.Hash);
        Assert.AreEqual(sha256, cache.Sha256(data));
        Assert.AreEqual(sha256, cache.Sha256(data));
        Assert.AreEqual(0, second.Reads, "the stat is unchanged, so the file is not read");
    }

    [TestMethod]
    public void AChangedTimeOrSizeHashesAgain()
    {
        using var folder = new TempFolder();
        var data = Settled(folder.Write("data.csv", "a,b\n1,2\n"));
        var cachePath = Path.Combine(folder.Path, "hashes.json");
        HashAndSave(HashCache.Open(cachePath, new TestLog()), data);

        File.SetLastWriteTimeUtc(data, AnHourAgo.AddMinutes(1));
        var touched = new CountingHasher();
        Assert.AreEqual(FileHash.Sha256(data), HashAndSave(HashCache.Open(cachePath, new TestLog(), touched.Hash), data));
        Assert.AreEqual(1, touched.Reads, "a touched file is read again, and gives the same hash");

        File.WriteAllText(data, "a,b\n1,2\n3,4\n");
        Settled(data);
        var grown = new CountingHasher();
        Assert.AreEqual(FileHash.Sha256(data), HashCache.Open(cachePath, new TestLog(), grown.Hash).Sha256(data));
        Assert.AreEqual(1, grown.Reads);
    }

    [TestMethod]
    public void AFileReplacedByAnotherOfTheSameSizeAndTimeHashesAgain()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsWindows())
        {
            Assert.Inconclusive("file ids are read on Linux and Windows; elsewhere they are best effort.");
        }

        using var folder = new TempFolder();
        var data = Settled(folder.Write("data.csv", "1,2\n"));
        var cachePath = Path.Combine(folder.Path, "hashes.json");
        HashAndSave(HashCache.Open(cachePath, new TestLog()), data);
        var before = FileStat.Read(data);
        Assert.IsNotNull(before.FileId);
        if (OperatingSystem.IsLinux())
        {
            var inode = ChildProcess.Run("stat", ["-c", "%i", data], folder.Path, TimeSpan.FromSeconds(10)).StandardOutput.Trim();
            StringAssert.EndsWith(before.FileId, ":" + inode, "the file id carries the inode stat(1) reports");
        }

        // An extracted archive or rsync -t: other bytes, same size, same time, under the same name.
        var replacement = Settled(folder.Write("replacement.csv", "3,4\n"));
        File.Move(replacement, data, overwrite: true);
        Assert.AreEqual(before with { FileId = null }, FileStat.Read(data) with { FileId = null });

        var hasher = new CountingHasher();
        Assert.AreEqual(FileHash.Sha256(data), HashCache.Open(cachePath, new TestLog(), hasher.Hash).Sha256(data));
        Assert.AreEqual(1, hasher.Reads, "only the file id tells the replacement apart");
    }

    [TestMethod]
    public void AFileWrittenJustNowIsHashedAgainNextTime()
    {
        using var folder = new TempFolder();
        var data = folder.Write("data.csv", "fresh\n");
        var cachePath = Path.Combine(folder.Path, "hashes.json");
        HashAndSave(HashCache.Open(cachePath, new TestLog()), data);

        var hasher = new CountingHasher();
        HashCache.Open(cachePath, new TestLog(), hasher.Hash).Sha256(data);
        Assert.AreEqual(1, hasher.Reads, "it could still change within the same timestamp");
    }

    [TestMethod]
    [DataRow("{\"version\": 1, \"files\": [{\"path\": \"/x\", \"by")]
    [DataRow("not json at all")]
    [DataRow("{\"version\": 99, \"files\": []}")]
    [DataRow("{\"version\": 1, \"files\": [{\"path\": \"/x\", \"bytes\": 1, \"lastWriteUtcTicks\": 1, \"sha256\": \"nothex\"}]}")]
    [DataRow("null")]
    public void ACorruptCacheIsIgnoredWithAWarningAndRebuilt(string corrupt)
    {
        using var folder = new TempFolder();
        var data = Settled(folder.Write("data.csv", "1\n"));
        var cachePath = folder.Write("hashes.json", corrupt);

        var log = new TestLog();
        var hasher = new CountingHasher();
        Assert.AreEqual(FileHash.Sha256(data), HashAndSave(HashCache.Open(cachePath, log, hasher.Hash), data));
        Assert.AreEqual(1, hasher.Reads, "nothing in a corrupt cache is trusted");
        Assert.AreEqual(ErrorCode.HashCacheCorrupt, log.Warnings.Single().Code);

        var rebuilt = new TestLog();
        var again = new CountingHasher();
        HashCache.Open(cachePath, rebuilt, again.Hash).Sha256(data);
        Assert.AreEqual(0, again.Reads, "the rebuilt cache answers");
        Assert.IsEmpty(rebuilt.Warnings);
    }

    [TestMethod]
    public void TwoBuildsSavingAtOnceKeepBothHashesAndNeverLeaveAHalfWrittenCache()
    {
        using var folder = new TempFolder();
        var first = Settled(folder.Write("first.csv", "1\n"));
        var second = Settled(folder.Write("second.csv", "2\n"));
        var cachePath = Path.Combine(folder.Path, "obj", "hashes.json");

        var one = HashCache.Open(cachePath, new TestLog());
        var other = HashCache.Open(cachePath, new TestLog());
        one.Sha256(first);
        other.Sha256(second);
        one.Save();
        other.Save();

        var hasher = new CountingHasher();
        var cache = HashCache.Open(cachePath, new TestLog(), hasher.Hash);
        cache.Sha256(first);
        cache.Sha256(second);
        Assert.AreEqual(0, hasher.Reads, "the second save merged the first's hashes");

        var readers = new TestLog();
        var files = Enumerable.Range(0, 8).Select(i => Settled(folder.Write($"data/{i}.csv", $"{i}\n"))).ToArray();
        Parallel.For(0, 16, i =>
        {
            for (var round = 0; round < 10; round++)
            {
                var writer = HashCache.Open(cachePath, readers);
                writer.Sha256(files[(i + round) % files.Length]);
                writer.Save();
            }
        });

        Assert.IsEmpty(readers.Warnings, "no build ever read a half-written cache");
        Assert.IsEmpty(Directory.GetFiles(Path.GetDirectoryName(cachePath)!, "*.tmp"), "no temporary file is left");
    }

    [TestMethod]
    public void AProfileIsReadOncePerContentAndAgainForOtherOptions()
    {
        using var folder = new TempFolder();
        var data = Settled(folder.Write("data.csv", "x,label\n1.5,a\n2.5,b\n"));
        var cachePath = Path.Combine(folder.Path, "hashes.json");
        var reads = 0;
        ProfiledFile Counting(string path, ProfileOptions options)
        {
            reads++;
            return Profiler.Read(path, options);
        }

        var first = HashCache.Open(cachePath, new TestLog(), profile: Counting);
        var read = first.Profile(data, new ProfileOptions(LabelColumn: "label"));
        first.Save();
        Assert.IsNotNull(read.Rows, "a first reading gives the rows");

        var next = HashCache.Open(cachePath, new TestLog(), profile: Counting);
        var cached = next.Profile(data, new ProfileOptions(LabelColumn: "label"));
        Assert.AreEqual(1, reads, "the next build takes the profile from the cache");
        Assert.AreEqual(read.Sha256, cached.Sha256);
        Assert.AreEqual(FileHash.Sha256(data), next.Sha256(data), "the profiled hash serves a plain hash too");
        Assert.AreEqual(2L, cached.Profile.Rows);
        CollectionAssert.AreEqual(read.Profile.Columns!.Select(c => c.Name).ToArray(), cached.Profile.Columns!.Select(c => c.Name).ToArray());
        Assert.IsNull(cached.Rows, "the rows are the store's to keep, not read again");

        next.Profile(data, new ProfileOptions(LabelColumn: "x"));
        Assert.AreEqual(2, reads, "another label column is another profile");
    }

    private static string HashAndSave(HashCache cache, string path)
    {
        var sha256 = cache.Sha256(path);
        cache.Save();
        return sha256;
    }

    [TestMethod]
    public void AnUnchangedProgramIsNotReadAgainAndARebuiltOneIs()
    {
        using var folder = new TempFolder();
        var program = Settled(folder.Write("bin/Demo.dll", "the program"));
        var library = Settled(folder.Write("bin/Lib.dll", "a library the program loads, large in an ML.NET program"));
        folder.Write("bin/Demo.deps.json", """
            {"runtimeTarget":{"name":"net10.0"},"targets":{"net10.0":{"Lib/1.0.0":{"runtime":{"lib/net10.0/Lib.dll":{}}}}}}
            """);
        Settled(Path.Combine(folder.Path, "bin", "Demo.deps.json"));
        var cachePath = Path.Combine(folder.Path, "obj", "repro", "hashes.json");
        var settings = new Repro.Training.TrainSettings(Path.Combine(folder.Path, "Demo.csproj"), new Repro.Runs.RunStore(Path.Combine(folder.Path, "runs")),
            program, "dotnet", Path.Combine(folder.Path, "packages.lock.json"), Repro.SourceControl.GitStamp.Unknown("a test"), "10.0.100", "net10.0",
            new TestLog(), HashCacheFile: cachePath);

        string Digest(CountingHasher hasher)
        {
            var cache = HashCache.Open(cachePath, new TestLog(), hasher.Hash);
            var digest = Repro.Training.BuildInputs.Read(settings, cache).Program.Sha256;
            cache.Save();
            return digest;
        }

        var first = new CountingHasher();
        var digest = Digest(first);
        Assert.AreEqual(2, first.Reads, "the program and the library its deps.json names");
        Assert.AreEqual(Repro.Training.BuildInputs.Read(settings).Program.Sha256, digest, "the same digest as without the cache");

        var second = new CountingHasher();
        Assert.AreEqual(digest, Digest(second));
        Assert.AreEqual(0, second.Reads, "nothing changed, so no file of the program is read");

        File.WriteAllText(program, "the program, rebuilt");
        Settled(program);
        var third = new CountingHasher();
        Assert.AreNotEqual(digest, Digest(third), "a rebuilt program is a new program");
        Assert.AreEqual(1, third.Reads, "only the rebuilt file is read");
    }

    private static string Settled(string path)
    {
        File.SetLastWriteTimeUtc(path, AnHourAgo);
        return path;
    }

    private sealed class CountingHasher
    {
        private int _reads;

        public int Reads => _reads;

        public string Hash(string path)
        {
            Interlocked.Increment(ref _reads);
            return FileHash.Sha256(path);
        }
    }
}
