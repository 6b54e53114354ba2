using Repro.Experiments;
using Repro.Fingerprints;
using Repro.Records;
using Repro.Training;

namespace Repro.Core.Tests;

[TestClass]
public sealed class RunReportTests
{
    private static readonly RunPlan Plan = new(
        "iris-forest", 42, 0.2,
        new SortedDictionary<string, string>(StringComparer.Ordinal) { ["Trees"] = "100", ["Label"] = "species name" },
        ["data/iris.csv"], [new Override("Seed", "1", "42")], Repro.Reproduction.ToleranceSpec.Standard);

    [TestMethod]
    public void TheCommandSpellsOutEveryValueFromTheRepositoryRoot()
    {
        using var repository = new TempFolder();
        Directory.CreateDirectory(Path.Combine(repository.Path, ".git"));
        var projectFile = Path.Combine(repository.Path, "samples", "Iris", "Iris.csproj");

        Assert.AreEqual(
            "dotnet build samples/Iris/Iris.csproj -t:Train -p:Experiment=iris-forest -p:Seed=42 -p:TestSize=0.2 -p:Params=\"Label='species name' Trees=100\"",
            ReproduceCommand.For(Plan, projectFile));
        Assert.AreEqual("dotnet build samples/Iris/Iris.csproj -t:Reproduce -p:RunId=x", ReproduceCommand.ForReproduce(projectFile, "-p:RunId=x"));
        Assert.AreEqual("species name", ParamsOverride.Parse("Label='species name' Trees=100")["Label"]);
    }

    [TestMethod]
    public void OutsideARepositoryTheCommandNamesTheProjectFile()
    {
        using var folder = new TempFolder();
        StringAssert.StartsWith(ReproduceCommand.ForReproduce(Path.Combine(folder.Path, "Iris.csproj"), "-p:RunId=x"), "dotnet build Iris.csproj -t:Reproduce");
    }

    [TestMethod]
    public void TheReportShowsTheProcessorsTheProgramSawBesideTheMachinesAndItsNativeLibraries()
    {
        var record = TestRecords.Completed() with
        {
            Environment = TestRecords.Completed().Environment with
            {
                ProcessorCount = 1,
                HostProcessorCount = 16,
                OmpNumThreads = "1",
                Simd = "avx2 avx sse4.2, Vector<T> 256-bit",
                NativeLibraries = [new NativeLibrary("lib_lightgbm.so", "LightGBM", "4.7.0")],
            },
        };

        var report = RunReport.Render(record, "dotnet build Iris.csproj -t:Reproduce -p:RunId=" + record.RunId);

        StringAssert.Contains(report, "1 processor of 16 (OMP_NUM_THREADS 1)");
        StringAssert.Contains(report, "SIMD avx2 avx sse4.2, Vector<T> 256-bit; lib_lightgbm.so from LightGBM 4.7.0");
        Assert.AreEqual("2 processors", EnvironmentText.Processors(record.Environment with { ProcessorCount = 2, HostProcessorCount = 2, OmpNumThreads = null }));
    }

    [TestMethod]
    public void TheReportShowsParamsMetricsStampsAndCommand()
    {
        var record = TestRecords.Completed() with
        {
            Params = Plan.Params,
            Overrides = Plan.Overrides,
            Git = new GitRecord(new string('b', 40), true, "main", null),
            Artifacts = [new FileFingerprint("artifacts/model.json", new string('e', 64), 10)],
        };

        var report = RunReport.Render(record, "dotnet build Iris.csproj -t:Reproduce -p:RunId=" + record.RunId);

        foreach (var expected in new[]
        {
            "iris-forest", "| Trees | 100 |", "| accuracy | 0.9666666666666667 |", new string('b', 40) + " (main, dirty)",
            new string('c', 64), "data/iris.csv", "artifacts/model.json", "dotnet build Iris.csproj -t:Train", "`Seed` = `42`",
            "dotnet build Iris.csproj -t:Reproduce -p:RunId=20261122-051500-123-3f9a1c",
        })
        {
            StringAssert.Contains(report, expected);
        }
    }
}
