using System.IO.Compression;
using Repro.Fingerprints;
using Repro.Records;
using Repro.Reproduction;

namespace Repro.Core.Tests;

[TestClass]
public sealed class ArtifactComparisonTests
{
    private TempFolder _folder = null!;

    [TestInitialize]
    public void Create() => _folder = new TempFolder();

    [TestCleanup]
    public void Delete() => _folder.Dispose();

    [TestMethod]
    public void ZipFilesWithTheSameEntriesAreTheSameModelThoughTheirBytesDiffer()
    {
        var recorded = Zip("a", new DateTime(2026, 1, 1), ("model/weights", "1 2 3"), ("version.txt", "5.0"));
        var now = Zip("b", new DateTime(2026, 11, 23), ("version.txt", "5.0"), ("model/weights", "1 2 3"));
        Assert.AreNotEqual(FileHash.Sha256(recorded.Full), FileHash.Sha256(now.Full), "the test needs ZIP files whose bytes differ");

        var verdict = Compare(recorded, now);

        Assert.IsTrue(verdict.ModelIdentical);
        Assert.IsEmpty(verdict.ChangedArtifacts);
        CollectionAssert.AreEqual(new[] { "artifacts/model.zip" }, verdict.SameEntries.ToArray());
        StringAssert.StartsWith(VerdictReport.Model(verdict), "identical (artifacts/model.zip: the same entries");
    }

    [TestMethod]
    public void ADifferentEntryIsNamed()
    {
        var recorded = Zip("a", new DateTime(2026, 1, 1), ("model/weights", "1 2 3"), ("version.txt", "5.0"), ("old", "x"));
        var now = Zip("b", new DateTime(2026, 1, 1), ("model/weights", "1 2 4"), ("version.txt", "5.0"), ("new", "x"));

        var verdict = Compare(recorded, now);

        Assert.IsFalse(verdict.ModelIdentical);
        CollectionAssert.AreEqual(new[] { "artifacts/model.zip" }, verdict.ChangedArtifacts.ToArray());
        CollectionAssert.AreEqual(new[] { "model/weights", "new", "old" }, verdict.ChangedEntries!["artifacts/model.zip"].ToArray());
        Assert.AreEqual("differs (artifacts/model.zip: entries model/weights, new, old)", VerdictReport.Model(verdict));
    }

    [TestMethod]
    public void AFileThatIsNotAZipIsComparedByItsHashAlone()
    {
        var recorded = Plain("a", "PK but not really");
        var now = Plain("b", "PK but not really!");
        var verdict = Compare(recorded, now);
        Assert.IsFalse(verdict.ModelIdentical);
        Assert.IsNull(verdict.ChangedEntries);
    }

    [TestMethod]
    public void WithoutTheFoldersOnlyHashesAreCompared()
    {
        var recorded = Zip("a", new DateTime(2026, 1, 1), ("w", "1"));
        var now = Zip("b", new DateTime(2026, 2, 1), ("w", "1"));
        var verdict = RunComparison.Compare(Record(recorded), Record(now), ToleranceSpec.Standard);
        Assert.IsFalse(verdict.ModelIdentical);
    }

    private Verdict Compare((string Folder, string Full, FileFingerprint Fingerprint) recorded, (string Folder, string Full, FileFingerprint Fingerprint) now) =>
        RunComparison.Compare(Record(recorded), Record(now), ToleranceSpec.Standard, recorded.Folder, now.Folder);

    private static RunRecord Record((string Folder, string Full, FileFingerprint Fingerprint) artifact) =>
        TestRecords.Completed() with { Artifacts = [artifact.Fingerprint] };

    private (string Folder, string Full, FileFingerprint Fingerprint) Zip(string run, DateTime saved, params (string Name, string Content)[] entries)
    {
        var path = Path.Combine(_folder.Path, run, "artifacts", "model.zip");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var archive = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            foreach (var (name, content) in entries)
            {
                var entry = archive.CreateEntry(name);
                entry.LastWriteTime = saved;
                using var writer = new StreamWriter(entry.Open());
                writer.Write(content);
            }
        }

        return Fingerprint(run, path);
    }

    private (string Folder, string Full, FileFingerprint Fingerprint) Plain(string run, string content) =>
        Fingerprint(run, _folder.Write($"{run}/artifacts/model.zip", content));

    private (string Folder, string Full, FileFingerprint Fingerprint) Fingerprint(string run, string path) =>
        (Path.Combine(_folder.Path, run), path, new FileFingerprint("artifacts/model.zip", FileHash.Sha256(path), new FileInfo(path).Length));
}
