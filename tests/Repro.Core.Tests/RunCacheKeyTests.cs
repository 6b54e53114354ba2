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
        CpuModel = "AMD EPYC 7763 64-Core Processor",
        RuntimeSettings = Settings(("DOTNET_TieredCompilation", "0")),
    };

    private static SortedDictionary<string, string> Settings(params (string Name, string Value)[] settings) =>
        new(settings.ToDictionary(s => s.Name, s => s.Value), StringComparer.Ordinal);

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
        ["cpu model", Key() with { CpuModel = "Intel(R) Xeon(R) Platinum 8370C CPU @ 2.80GHz" }],
        ["no cpu model", Key() with { CpuModel = null }],
        ["a runtime setting's value", Key() with { RuntimeSettings = Settings(("DOTNET_TieredCompilation", "1")) }],
        ["a runtime setting more", Key() with { RuntimeSettings = Settings(("DOTNET_TieredCompilation", "0"), ("DOTNET_EnableAVX2", "0")) }],
        ["no runtime setting", Key() with { RuntimeSettings = Settings() }],
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

    /// <summary>
    /// The key of fixed inputs, pinned: a change to how keys are made makes every run on record train again, so it must
    /// be deliberate (then raise <see cref="RunCacheKey.CurrentVersion"/> and pin the new value here).
    /// </summary>
    [TestMethod]
    public void TheKeyOfFixedInputsIsPinned() =>
        Assert.AreEqual("9b91b031008476a5976702c6e7ebce04d20b466fa2b36e7e49657a05b17eb4bb", Key().Sha256(), "the run cache key changed: every recorded run would train again");

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

    [TestMethod]
    public void ChangesNameEachRuntimeSettingThatDiffers()
    {
        var now = Key() with { RuntimeSettings = Settings(("DOTNET_EnableAVX2", "0")) };
        CollectionAssert.AreEqual(new[] { "DOTNET_EnableAVX2", "DOTNET_TieredCompilation" }, now.ChangesSince(Key()).ToArray());
    }

    [TestMethod]
    public void AKeyFromBeforeRuntimeSettingsWereKeyedNamesWhatItLacked()
    {
        var old = Key() with { Version = 1, CpuModel = null, RuntimeSettings = null };

        CollectionAssert.AreEqual(new[] { "key version", "cpu model", "DOTNET_TieredCompilation" }, Key().ChangesSince(old).ToArray());
        Assert.AreNotEqual(old.Sha256(), Key().Sha256());
    }
}
