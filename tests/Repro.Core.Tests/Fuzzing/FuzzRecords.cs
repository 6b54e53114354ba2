using Repro.Fingerprints;
using Repro.Groups;
using Repro.Records;
using Repro.Registry;
using Repro.Reproduction;

namespace Repro.Core.Tests.Fuzzing;

/// <summary>Valid records with every optional part filled in, so that the fuzzer has every field to attack.</summary>
internal static class FuzzRecords
{
    public const string GroupId = "20261122-051500-123-9e0c55";

    public static RunRecord Run() => TestRecords.Completed() with
    {
        Group = GroupId,
        Params = TestRecords.Params(("Trees", "5"), ("Rate", "0.1")),
        Overrides = [new Override("Trees", "100", "5"), new Override("Seed", null, "42")],
        Program = new ProgramRecord("bin/Debug/net10.0/Iris.dll", new string('f', 64), "net10.0")
        {
            Files = [new ProgramFile("Iris.dll", new string('f', 64)), new ProgramFile("Iris.deps.json", new string('0', 64))],
        },
        Environment = TestRecords.Completed().Environment with
        {
            HostProcessorCount = 16,
            OmpNumThreads = "1",
            Simd = "avx2",
            NativeLibraries = [new NativeLibrary("lib_lightgbm.so", "LightGBM", "3.3.5")],
        },
        Files = new RecordFiles(new string('1', 64), new string('2', 64), new string('3', 64)),
        Error = new ErrorRecord("REPRO0006", "exit code 1"),
        Tolerance = "0.01;accuracy=0",
        ReproductionOf = "20261121-051500-123-3f9a1c",
        Verdict = new Verdict(
            Verdict.Reproduced,
            [new MetricCheck("accuracy", 0.9666666666666667, 0.9666666666666667, 0, "0", true), new MetricCheck("log_loss", 0.1, null, null, "0.01", false)],
            [new InputCheck("data/iris.csv", new string('d', 64), new string('d', 64), false) { Detail = "same" }],
            true,
            ["artifacts/model.zip"])
        {
            SameEntries = ["artifacts/model.zip"],
            ChangedEntries = new(StringComparer.Ordinal) { ["artifacts/other.zip"] = ["weights.bin"] },
        },
        CacheKey = new string('9', 64),
        CacheInputs = RunCacheKeyTests.Key(),
    };

    public static RunConfig Config() => new()
    {
        RunId = TestRecords.Completed().RunId,
        Experiment = "iris-forest",
        Seed = -7,
        TestSize = 0.25,
        Params = TestRecords.Params(("Trees", "5"), ("Rate", "1e-3")),
        Data = ["data/iris.csv", "data/extra.csv"],
        Overrides = [new Override("Trees", "100", "5")],
        ProcessorCount = 2,
    };

    public static RuntimeStamp Runtime() => new(".NET 10.0.0", "10.0.0", 4)
    {
        OmpNumThreads = "1",
        Simd = "avx2 avx sse4.2, Vector<T> 256-bit",
        NativeLibraries = [new NativeLibrary("lib_lightgbm.so", "LightGBM", "3.3.5")],
        LoggedMetrics = ["log_loss", "accuracy"],
    };

    public static SortedDictionary<string, double> Metrics() =>
        new(StringComparer.Ordinal) { ["accuracy"] = 0.9666666666666667, ["log_loss"] = 0.1, ["count"] = 150, ["tiny"] = 5e-324, ["negative"] = -2.5 };

    public static ModelVersion Version(int number) => new("iris", number, TestRecords.Completed().RunId, "iris-forest", "runs/" + TestRecords.Completed().RunId,
        Metrics(), new string('a', 40), false, DateTimeOffset.UnixEpoch.AddDays(number))
    {
        Group = GroupId,
        GroupMetrics = new(StringComparer.Ordinal)
        {
            ["accuracy"] = new MetricSummary("accuracy", 3, 0.95, 0.01, 0.94, 0.96, 0.95, 0.925, 0.975),
            ["log_loss"] = new MetricSummary("log_loss", 1, 0.1, null, 0.1, 0.1, 0.95, null, null),
        },
    };

    public static GroupRecord Group()
    {
        GroupMember Member(int seed, string trees, double accuracy) => new(
            $"20261122-051500-12{seed}-3f9a1c", seed, TestRecords.Params(("Trees", trees)), RunStatus.Completed,
            new(StringComparer.Ordinal) { ["accuracy"] = accuracy }, UpToDate: seed == 1);
        GroupMember[] members = [Member(1, "5", 0.9), Member(2, "5", 0.92), Member(3, "10", 0.95), Member(4, "10", 0.97)];
        return new GroupRecord
        {
            GroupId = GroupId,
            Experiment = "iris-forest",
            Seeds = [1, 2],
            Sweep = [new SweepAxis("Trees", ["5", "10"])],
            Members = members,
            Points = GroupStatistics.Points(members),
            RankedBy = "accuracy",
            BestRun = members[3].RunId,
            BestPoint = 1,
            Git = TestRecords.Completed().Git,
            StartedAt = DateTimeOffset.UnixEpoch,
            Command = "dotnet build Iris.csproj -t:Train -p:Seeds=1..2",
            Plots = [new FileFingerprint("plots/accuracy.svg", new string('e', 64), 2048)],
        };
    }
}
