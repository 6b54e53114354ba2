using Repro.Fingerprints;
using Repro.Runs;

namespace Repro.Core.Tests;

[TestClass]
public sealed class RunCacheKeyTests
{
    internal static RunCacheKey Key(string experiment = "iris-forest") => new()
    {
        Experiment = experiment,
        Seed = 42,
        TestSize = 0.2,
        Params = TestRecords.Params(("Trees", "100"), ("MaxDepth", "5")),
        DataPaths = ["data/iris.csv"],
        Data = [new FileFingerprint("data/iris.csv", new string('d', 64), 3858)],
        Program = new string('f', 64),
        LockFile = new string('c', 64),
        SdkVersion = "10.0.100",
        Runtime = "Microsoft.NETCore.App 10.0.0 (Minor) of 10.0.0",
        Os = "Linux 6.8.0",
        Architecture = "x64",
        ProcessorCount = 1,
        OmpNumThreads = "1",
        Simd = "avx2 avx sse4.2, Vector<T> 256-bit",
    };

    public static IEnumerable<object[]> EachComponent() =>
    [
        ["experiment", Key() with { Experiment = "iris-tree" }],
        ["seed", Key() with { Seed = 43 }],
        ["test size", Key() with { TestSize = 0.3 }],
        ["no test size", Key() with { TestSize = null }],
        ["a parameter's value", Key() with { Params = TestRecords.Params(("Trees", "101"), ("MaxDepth", "5")) }],
        ["a parameter more", Key() with { Params = TestRecords.Params(("Trees", "100"), ("MaxDepth", "5"), ("Extra", "")) }],
        ["data paths", Key() with { DataPaths = ["./data/iris.csv"] }],
        ["a data file's hash", Key() with { Data = [new FileFingerprint("data/iris.csv", new string('e', 64), 3858)] }],
        ["a data file's path", Key() with { Data = [new FileFingerprint("data/iris2.csv", new string('d', 64), 3858)] }],
        ["program", Key() with { Program = new string('0', 64) }],
        ["lock file", Key() with { LockFile = new string('0', 64) }],
        ["no lock file", Key() with { LockFile = null }],
        ["sdk", Key() with { SdkVersion = "10.0.101" }],
        ["runtime", Key() with { Runtime = "Microsoft.NETCore.App 10.0.0 (Minor) of 10.0.0 10.0.1" }],
        ["os", Key() with { Os = "Linux 6.9.0" }],
        ["architecture", Key() with { Architecture = "arm64" }],
        ["processor count", Key() with { ProcessorCount = 16 }],
        ["OMP_NUM_THREADS", Key() with { OmpNumThreads = null }],
        ["simd", Key() with { Simd = "none, Vector<T> not accelerated" }],
        ["version", Key() with { Version = RunCacheKey.CurrentVersion + 1 }],
    ];

    [TestMethod]
    [DynamicData(nameof(EachComponent))]
    public void EachComponentChangesTheKey(string component, RunCacheKey changed)
    {
        Assert.AreNotEqual(Key().Sha256(), changed.Sha256(), component);
        Assert.AreNotEqual(0, changed.ChangesSince(Key()).Count, component);
    }

    [TestMethod]
    public void TheSameInputsGiveTheSameKeyWhateverTheOrderOfParametersAndDataFiles()
    {
        var reordered = Key() with
        {
            Params = new SortedDictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["MaxDepth"] = "5", ["Trees"] = "100" },
        };
        Assert.AreEqual(Key().Sha256(), reordered.Sha256());

        var a = new FileFingerprint("data/a.csv", new string('a', 64), 1);
        var b = new FileFingerprint("data/B.csv", new string('b', 64), 1);
        Assert.AreEqual((Key() with { Data = [a, b] }).Sha256(), (Key() with { Data = [b, a] }).Sha256());
        Assert.IsEmpty(reordered.ChangesSince(Key()));
    }

    [TestMethod]
    public void TheKeyIsLowerCaseHexSha256AndStable()
    {
        var key = Key().Sha256();
        Assert.AreEqual(64, key.Length);
        Assert.AreEqual(key.ToLowerInvariant(), key);
        Assert.AreEqual(key, Key().Sha256());
    }

    [TestMethod]
    public void ValuesCannotRunIntoEachOther()
    {
        var one = Key() with { Params = TestRecords.Params(("a", "b value c")) };
        var other = Key() with { Params = TestRecords.Params(("a", "b"), ("value c", "")) };
        Assert.AreNotEqual(one.Sha256(), other.Sha256());
    }

    [TestMethod]
    public void ChangesNameWhatDiffers()
    {
        var now = Key() with
        {
            Seed = 7,
            Params = TestRecords.Params(("Trees", "50"), ("MaxDepth", "5")),
            Data = [new FileFingerprint("data/iris.csv", new string('e', 64), 3858)],
        };
        CollectionAssert.AreEqual(new[] { "seed", "parameter Trees", "data/iris.csv" }, now.ChangesSince(Key()).ToArray());
    }
}
