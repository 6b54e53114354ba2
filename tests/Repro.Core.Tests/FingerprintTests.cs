using System.Security.Cryptography;
using System.Text;
using Repro.Fingerprints;

namespace Repro.Core.Tests;

[TestClass]
public sealed class FingerprintTests
{
    [TestMethod]
    public void RawHashIsTheSha256OfTheBytes()
    {
        using var folder = new TempFolder();
        var path = folder.Write("a.csv", "x,y\r\n1,2\r\n");
        Assert.AreEqual(Hex(SHA256.HashData(Encoding.UTF8.GetBytes("x,y\r\n1,2\r\n"))), FileHash.Sha256(path));
    }

    [TestMethod]
    public void LockFileHashIgnoresCrlfVersusLf()
    {
        using var folder = new TempFolder();
        var crlf = folder.Write("crlf.json", "{\r\n  \"a\": 1\r\n}\r\n");
        var lf = folder.Write("lf.json", "{\n  \"a\": 1\n}\n");
        Assert.AreEqual(FileHash.Sha256NormalizedLineEndings(lf), FileHash.Sha256NormalizedLineEndings(crlf));
        Assert.AreEqual(FileHash.Sha256(lf), FileHash.Sha256NormalizedLineEndings(crlf));
        Assert.AreNotEqual(FileHash.Sha256(lf), FileHash.Sha256(crlf));
    }

    [TestMethod]
    public void LoneCarriageReturnsAreKept()
    {
        using var folder = new TempFolder();
        var withCr = folder.Write("cr.txt", "a\rb");
        var without = folder.Write("plain.txt", "ab");
        Assert.AreNotEqual(FileHash.Sha256NormalizedLineEndings(without), FileHash.Sha256NormalizedLineEndings(withCr));
    }

    [TestMethod]
    public void AFolderGivesOneSortedEntryPerFile()
    {
        using var folder = new TempFolder();
        folder.Write("data/set/b.csv", "b");
        folder.Write("data/set/a.csv", "aa");
        folder.Write("data/set/sub/c.csv", "ccc");
        folder.Write("data/single.csv", "s");

        var fingerprints = FileFingerprint.Of(folder.Path, ["data/single.csv", "data/set"]);

        CollectionAssert.AreEqual(
            new[] { "data/set/a.csv", "data/set/b.csv", "data/set/sub/c.csv", "data/single.csv" },
            fingerprints.Select(f => f.Path).ToArray());
        Assert.AreEqual(3L, fingerprints[2].Bytes);
        Assert.AreEqual(Hex(SHA256.HashData("ccc"u8.ToArray())), fingerprints[2].Sha256);
    }

    [TestMethod]
    public void AFileNamedTwiceIsListedOnce()
    {
        using var folder = new TempFolder();
        folder.Write("data/a.csv", "a");
        Assert.HasCount(1, FileFingerprint.Of(folder.Path, ["data/a.csv", "data", "./data/a.csv"]));
    }

    private static string Hex(byte[] hash) => Convert.ToHexString(hash).ToLowerInvariant();
}
