using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using System.Text.Json;

namespace Repro.Core.Tests;

[TestClass]
public sealed class ExperimentRunTests
{
    private TempFolder _run = null!;

    [TestInitialize]
    public void WriteConfig()
    {
        _run = new TempFolder();
        _run.Write("config.json", """
            {
              "runId": "20261122-051500-123-3f9a1c",
              "experiment": "forest",
              "seed": 42,
              "testSize": 0.2,
              "params": { "Trees": "100", "Rate": "0.5", "Bootstrap": "true", "Kind": "fast", "Name": "a b" },
              "data": [ "data/iris.csv" ],
              "overrides": []
            }
            """);
    }

    [TestCleanup]
    public void Delete() => _run.Dispose();

    [TestMethod]
    public void ReadsTheRunAndStampsTheRuntime()
    {
        // The build sets OMP_NUM_THREADS for the program; the program records what it saw.
        var omp = Environment.GetEnvironmentVariable("OMP_NUM_THREADS");
        Environment.SetEnvironmentVariable("OMP_NUM_THREADS", "3");
        ExperimentRun run;
        try
        {
            run = Open();
        }
        finally
        {
            Environment.SetEnvironmentVariable("OMP_NUM_THREADS", omp);
        }

        Assert.AreEqual("forest", run.Experiment);
        Assert.AreEqual(42L, run.Seed);
        Assert.AreEqual(0.2, run.TestSize);
        Assert.AreEqual(100, run.Param<int>("Trees"));
        Assert.AreEqual(0.5, run.Param<double>("Rate"));
        Assert.IsTrue(run.Param<bool>("Bootstrap"));
        Assert.AreEqual(Speed.Fast, run.Param<Speed>("Kind"));
        Assert.AreEqual("a b", run.Param<string>("Name"));
        Assert.AreEqual(7, run.Param("Missing", 7));
        Assert.AreEqual("20261122-051500-123-3f9a1c", run.RunId);
        Assert.AreEqual(Path.GetFullPath("data/iris.csv"), run.DataPath);
        Assert.AreEqual(_run.Path, run.RunDirectory);

        // runtime.json is written as the run opens: what this process sees, which the build cannot know.
        var runtime = ReadJson("runtime.json");
        Assert.AreEqual(RuntimeInformation.FrameworkDescription, runtime.GetProperty("framework").GetString());
        Assert.AreEqual(Environment.Version.ToString(), runtime.GetProperty("version").GetString());
        Assert.AreEqual(Environment.ProcessorCount, runtime.GetProperty("processorCount").GetInt32());
        Assert.AreEqual("3", runtime.GetProperty("ompNumThreads").GetString());
        var simd = runtime.GetProperty("simd").GetString()!;
        StringAssert.Contains(simd, Vector.IsHardwareAccelerated ? $"Vector<T> {Vector<byte>.Count * 8}-bit" : "Vector<T> not accelerated");
        Assert.AreEqual(Avx2.IsSupported, simd.Split(',')[0].Split(' ').Contains("avx2"), simd);
        Assert.AreEqual(JsonValueKind.Null, runtime.GetProperty("nativeLibraries").ValueKind, "named only once the program ends");
    }

    [TestMethod]
    public void AMissingParameterIsNamed()
    {
        var error = Assert.ThrowsExactly<ExperimentException>(() => Open().Param<int>("Depth"));
        Assert.AreEqual("REPRO2001", error.Code);
        StringAssert.Contains(error.Message, "'Depth'");
    }

    [TestMethod]
    [DataRow("Rate")]
    [DataRow("Name")]
    public void AParameterOfTheWrongTypeIsNamed(string name)
    {
        var error = Assert.ThrowsExactly<ExperimentException>(() => Open().Param<int>(name));
        Assert.AreEqual("REPRO2002", error.Code);
        StringAssert.Contains(error.Message, $"'{name}'");
        StringAssert.Contains(error.Message, "an integer");
    }

    [TestMethod]
    public void MetricsAreWrittenAsTheyAreLogged()
    {
        var run = Open();
        Assert.IsFalse(File.Exists(Path.Combine(_run.Path, "metrics.json")), "nothing is measured yet");

        // Each metric is on disk as soon as it is logged, so a crash afterwards keeps it.
        run.LogMetric("b", 0.1);
        Assert.AreEqual("b=0.1", Metrics());
        run.LogMetric("a", 1.0 / 3);
        Assert.AreEqual("a=0.3333333333333333 b=0.1", Metrics(), "sorted by name, each number round-trips");
        run.LogMetric("b", 0.25);
        Assert.AreEqual("a=0.3333333333333333 b=0.25", Metrics(), "a metric logged again takes its new value");
        Assert.IsFalse(File.Exists(Path.Combine(_run.Path, "metrics.json.tmp")), "written beside and moved into place");
    }

    [TestMethod]
    [DataRow(double.NaN)]
    [DataRow(double.PositiveInfinity)]
    public void NonFiniteMetricsAreRefused(double value)
    {
        var run = Open();
        run.LogMetric("loss", 0.5);
        var error = Assert.ThrowsExactly<ExperimentException>(() => run.LogMetric("loss", value));
        Assert.AreEqual("REPRO2004", error.Code);
        StringAssert.Contains(error.Message, "'loss'");
        Assert.AreEqual("loss=0.5", Metrics(), "the refused value is not recorded");
        Assert.AreEqual(0.5, run.Metrics["loss"]);
    }

    [TestMethod]
    public void ASeriesIsAppendedToTheHistoryAndItsLastPointIsTheMetric()
    {
        var run = Open();
        run.LogMetric("loss", 1.0 / 3, 0);
        run.LogMetric("loss", 0.1, 1);
        run.LogMetric("accuracy", 0.5, 0);
        var lines = File.ReadAllLines(Path.Combine(_run.Path, "history.jsonl"));
        CollectionAssert.AreEqual(new[]
        {
            """{"name":"loss","step":0,"value":0.3333333333333333}""",
            """{"name":"loss","step":1,"value":0.1}""",
            """{"name":"accuracy","step":0,"value":0.5}""",
        }, lines);
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(_run.Path, "metrics.json")));
        Assert.AreEqual(0.1, metrics.RootElement.GetProperty("loss").GetDouble());
        Assert.AreEqual(0.5, run.Metrics["accuracy"]);
    }

    [TestMethod]
    public void ASeriesPointIsCheckedLikeAMetricAndItsStepIsNotNegative()
    {
        var run = Open();
        Assert.AreEqual("REPRO2004", Assert.ThrowsExactly<ExperimentException>(() => run.LogMetric("loss", double.NaN, 0)).Code);
        var error = Assert.ThrowsExactly<ExperimentException>(() => run.LogMetric("loss", 0.5, -1));
        Assert.AreEqual("REPRO2007", error.Code);
        StringAssert.Contains(error.Message, "'loss'");
        Assert.IsFalse(File.Exists(Path.Combine(_run.Path, "history.jsonl")));
        Assert.AreEqual(0, run.Metrics.Count);
    }

    [TestMethod]
    public void ArtifactsStayInsideTheRunFolder()
    {
        var run = Open();
        var path = run.ArtifactPath("models/model.json");
        Assert.AreEqual(Path.Combine(_run.Path, "artifacts", "models", "model.json"), path);
        foreach (var escape in new[] { "../run.json", "../artifacts-other/model.json", "models/../../run.json", Path.Combine(_run.Path, "run.json"), "." })
        {
            Assert.AreEqual("REPRO2005", Assert.ThrowsExactly<ExperimentException>(() => run.ArtifactPath(escape), escape).Code, escape);
        }

        Assert.IsFalse(Directory.Exists(Path.Combine(_run.Path, "artifacts-other")), "a refused path creates no folder");
    }

    [TestMethod]
    public void WithoutItsRunFolderTheProgramSaysHowToStartIt()
    {
        var error = Assert.ThrowsExactly<ExperimentException>(() => ExperimentRun.Open([]));
        Assert.AreEqual("REPRO2003", error.Code);
        StringAssert.Contains(error.Message, "dotnet build -t:Train");
    }

    private JsonElement ReadJson(string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(_run.Path, name)));
        return document.RootElement.Clone();
    }

    /// <summary>metrics.json as "name=value …", the values as written (the JSON's own number text).</summary>
    private string Metrics() =>
        string.Join(" ", ReadJson("metrics.json").EnumerateObject().Select(p => $"{p.Name}={p.Value.GetRawText()}"));

    private ExperimentRun Open() => ExperimentRun.Open(["--repro-run", _run.Path]);

    public enum Speed
    {
        Slow,
        Fast,
    }
}
