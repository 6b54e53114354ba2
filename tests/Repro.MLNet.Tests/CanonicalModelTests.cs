using System.IO.Compression;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Repro.MLNet.Tests;

[TestClass]
public sealed class CanonicalModelTests
{
    [TestMethod]
    [DataRow("sdca")]
    [DataRow("fasttree")]
    public void TwoSavesOfOneModelAreTheSameBytes(string kind)
    {
        using var run = TestRun.Open();
        using var otherRun = TestRun.Open();
        var (ml, model, train, _) = Train(kind, run.Run);

        var firstByMLNet = MLNetSave(ml, model, train.Schema);
        var first = run.Run.SaveModel(ml, model, train.Schema, "first.zip");
        Thread.Sleep(2100); // past the 2-second DOS time resolution, so ML.NET dates its entries differently
        var secondByMLNet = MLNetSave(ml, model, train.Schema);
        var second = run.Run.SaveModel(ml, model, train.Schema, "second.zip");
        var elsewhere = otherRun.Run.SaveModel(ml, model, train.Schema);

        CollectionAssert.AreNotEqual(firstByMLNet, secondByMLNet, "the premise: ML.NET's own saves differ over time");
        CollectionAssert.AreEqual(File.ReadAllBytes(first), File.ReadAllBytes(second));
        CollectionAssert.AreEqual(File.ReadAllBytes(first), File.ReadAllBytes(elsewhere));
    }

    [TestMethod]
    public void TheLocalTimeZoneDoesNotChangeTheBytes()
    {
        using var run = TestRun.Open();
        var (ml, model, train, _) = Train("sdca", run.Run);
        var previous = Environment.GetEnvironmentVariable("TZ");
        try
        {
            var saves = new List<byte[]>();
            foreach (var (zone, offset) in new[] { ("Etc/UTC", 0), ("Pacific/Kiritimati", 14), ("America/Adak", -10) })
            {
                Environment.SetEnvironmentVariable("TZ", zone);
                TimeZoneInfo.ClearCachedData();
                Assert.AreEqual(offset, TimeZoneInfo.Local.BaseUtcOffset.Hours, $"TZ={zone} took effect");
                saves.Add(File.ReadAllBytes(run.Run.SaveModel(ml, model, train.Schema, $"{offset}.zip")));
            }

            CollectionAssert.AreEqual(saves[0], saves[1]);
            CollectionAssert.AreEqual(saves[0], saves[2]);
        }
        finally
        {
            Environment.SetEnvironmentVariable("TZ", previous);
            TimeZoneInfo.ClearCachedData();
        }
    }

    [TestMethod]
    public void EveryHeaderIsStoredDatedAtTheDosEpochWithFixedFieldsInNameOrder()
    {
        using var run = TestRun.Open();
        var (ml, model, train, _) = Train("fasttree", run.Run);

        var bytes = File.ReadAllBytes(run.Run.SaveModel(ml, model, train.Schema));
        var headers = ZipLayout.Read(bytes);

        Assert.IsNotEmpty(headers);
        foreach (var header in headers)
        {
            var what = $"{header.Kind} header of {header.Name}";
            Assert.AreEqual(0, header.Method, what + ": stored");
            Assert.AreEqual(0, header.DosTime, what + ": 00:00:00");
            Assert.AreEqual((1 << 5) | 1, header.DosDate, what + ": 1980-01-01");
            Assert.AreEqual(20, header.VersionNeeded, what);
            Assert.AreEqual(header.Kind == "central" ? 20 : 0, header.VersionMadeBy, what + ": MS-DOS host, spec 2.0, on every OS");
            Assert.AreEqual(1 << 11, header.Flags, what + ": UTF-8 names, no data descriptor");
            Assert.AreEqual(0, header.ExtraLength, what);
            Assert.AreEqual(0, header.CommentLength, what);
            Assert.AreEqual(0u, header.ExternalAttributes, what);
            Assert.AreEqual(header.Size, header.CompressedSize, what);
        }

        var names = headers.Where(h => h.Kind == "local").Select(h => h.Name).ToArray();
        CollectionAssert.AreEqual(names.Order(StringComparer.Ordinal).ToArray(), names);
        CollectionAssert.AreEqual(names, headers.Where(h => h.Kind == "central").Select(h => h.Name).ToArray());
        Assert.IsFalse(names.Any(n => n.Contains('\\')), "'/' separates folders");

        using var archive = new ZipArchive(new MemoryStream(bytes));
        Assert.IsTrue(archive.Entries.All(e => e.LastWriteTime.DateTime == new DateTime(1980, 1, 1)));
    }

    [TestMethod]
    [DataRow("sdca")]
    [DataRow("fasttree")]
    public void EntriesAreThoseOfMLNetsOwnSave(string kind)
    {
        using var run = TestRun.Open();
        var (ml, model, train, _) = Train(kind, run.Run);

        var canonical = Entries(File.ReadAllBytes(run.Run.SaveModel(ml, model, train.Schema)));
        var original = Entries(MLNetSave(ml, model, train.Schema));

        CollectionAssert.AreEqual(original.Keys.ToArray(), canonical.Keys.ToArray());
        foreach (var (name, (content, crc)) in original)
        {
            CollectionAssert.AreEqual(content, canonical[name].Content, name);
            Assert.AreEqual(crc, canonical[name].Crc, name + ": our CRC-32 is the one ZipArchive wrote");
        }
    }

    [TestMethod]
    public void LoadedCanonicalModelPredictsExactlyAsTheOriginalMulticlass()
    {
        using var run = TestRun.Open();
        var (ml, model, train, test) = Train("sdca", run.Run);

        var loaded = ml.Model.Load(run.Run.SaveModel(ml, model, train.Schema), out var schema);

        Assert.AreEqual(train.Schema.Count, schema.Count);
        var expected = ml.Data.CreateEnumerable<MulticlassPrediction>(model.Transform(test), reuseRowObject: false).ToArray();
        var actual = ml.Data.CreateEnumerable<MulticlassPrediction>(loaded.Transform(test), reuseRowObject: false).ToArray();
        Assert.HasCount(expected.Length, actual);
        Assert.IsNotEmpty(expected);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.AreEqual(expected[i].PredictedLabel, actual[i].PredictedLabel);
            CollectionAssert.AreEqual(expected[i].Score, actual[i].Score);
        }
    }

    [TestMethod]
    public void LoadedCanonicalModelPredictsExactlyAsTheOriginalFastTree()
    {
        using var run = TestRun.Open();
        var (ml, model, train, test) = Train("fasttree", run.Run);

        var loaded = ml.Model.Load(run.Run.SaveModel(ml, model, train.Schema), out _);

        var expected = ml.Data.CreateEnumerable<BinaryPrediction>(model.Transform(test), reuseRowObject: false).ToArray();
        var actual = ml.Data.CreateEnumerable<BinaryPrediction>(loaded.Transform(test), reuseRowObject: false).ToArray();
        Assert.IsNotEmpty(expected);
        CollectionAssert.AreEqual(expected, actual);
    }

    [TestMethod]
    public void CanonicalFormIgnoresEntryOrderCompressionDatesAndSeparators()
    {
        var a = MakeZip(["a.txt", "b/x.bin", "c"], CompressionLevel.Optimal, new DateTime(2020, 5, 17, 13, 45, 10));
        var b = MakeZip(["c", "b\\x.bin", "a.txt"], CompressionLevel.NoCompression, new DateTime(2001, 1, 2, 3, 4, 6));

        var canonicalA = Canonical(a);

        CollectionAssert.AreEqual(canonicalA, Canonical(b));
        CollectionAssert.AreEqual(canonicalA, Canonical(canonicalA), "canonical form is a fixed point");
        using var archive = new ZipArchive(new MemoryStream(canonicalA));
        CollectionAssert.AreEqual(new[] { "a.txt", "b/x.bin", "c" }, archive.Entries.Select(e => e.FullName).ToArray());
        using var reader = new StreamReader(archive.GetEntry("b/x.bin")!.Open());
        Assert.AreEqual(Content("b/x.bin"), reader.ReadToEnd());
    }

    [TestMethod]
    public void NonAsciiNamesAndEmptyEntriesSurvive()
    {
        var canonical = Canonical(MakeZip(["données/é.txt", "empty/"], CompressionLevel.Optimal, DateTime.Now));

        using var archive = new ZipArchive(new MemoryStream(canonical));
        CollectionAssert.AreEqual(new[] { "données/é.txt", "empty/" }, archive.Entries.Select(e => e.FullName).ToArray());
        Assert.AreEqual(0, archive.GetEntry("empty/")!.Length);
    }

    [TestMethod]
    public void TwoEntriesThatDifferOnlyBySeparatorAreRefused()
    {
        var zip = MakeZip(["b/x.bin", "b\\x.bin"], CompressionLevel.Optimal, DateTime.Now);

        Assert.ThrowsExactly<InvalidDataException>(() => Canonical(zip));
    }

    [TestMethod]
    public void SaveModelWritesUnderArtifactsAndLeavesNoScratchFiles()
    {
        using var run = TestRun.Open();
        var (ml, model, train, _) = Train("sdca", run.Run);

        var path = run.Run.SaveModel(ml, model, train.Schema, "models/iris.zip");
        run.Run.SaveModel(ml, model, train.Schema, "models/iris.zip"); // overwrites

        Assert.AreEqual(run.Run.ArtifactPath("models/iris.zip"), path);
        CollectionAssert.AreEqual(new[] { path }, Directory.GetFiles(run.Run.ArtifactsDirectory, "*", SearchOption.AllDirectories));
        var error = Assert.ThrowsExactly<ExperimentException>(() => run.Run.SaveModel(ml, model, train.Schema, "../model.zip"));
        Assert.AreEqual("REPRO2005", error.Code);
    }

    private static (MLContext Ml, ITransformer Model, IDataView Train, IDataView Test) Train(string kind, ExperimentRun run)
    {
        var ml = run.CreateMLContext();
        var (model, train, test) = kind == "sdca" ? Models.Multiclass(ml, run) : Models.FastTreeBinary(ml, run);
        return (ml, model, train, test);
    }

    private static byte[] MLNetSave(MLContext ml, ITransformer model, DataViewSchema schema)
    {
        using var stream = new MemoryStream();
        ml.Model.Save(model, schema, stream);
        return stream.ToArray();
    }

    private static SortedDictionary<string, (byte[] Content, uint Crc)> Entries(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip));
        var entries = new SortedDictionary<string, (byte[], uint)>(StringComparer.Ordinal);
        foreach (var entry in archive.Entries)
        {
            using var content = new MemoryStream();
            using (var stream = entry.Open())
            {
                stream.CopyTo(content);
            }

            entries.Add(entry.FullName, (content.ToArray(), entry.Crc32));
        }

        return entries;
    }

    private static byte[] MakeZip(string[] names, CompressionLevel level, DateTime time)
    {
        using var stream = new MemoryStream();
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var name in names)
            {
                var entry = archive.CreateEntry(name, level);
                entry.LastWriteTime = time;
                if (!name.EndsWith('/'))
                {
                    using var writer = new StreamWriter(entry.Open());
                    writer.Write(Content(name.Replace('\\', '/')));
                }
            }
        }

        return stream.ToArray();
    }

    private static string Content(string name) => string.Concat(Enumerable.Repeat(name + " says hello. ", 50));

    private static byte[] Canonical(byte[] zip)
    {
        using var destination = new MemoryStream();
        CanonicalModel.Write(new MemoryStream(zip), destination);
        return destination.ToArray();
    }

    public sealed class MulticlassPrediction
    {
        public uint PredictedLabel { get; set; }
        public float[] Score { get; set; } = [];
    }

    public sealed record BinaryPrediction
    {
        public bool PredictedLabel { get; set; }
        public float Score { get; set; }
        public float Probability { get; set; }
    }
}
