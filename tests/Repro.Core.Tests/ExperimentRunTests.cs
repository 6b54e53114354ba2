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
        var run = Open();
        Assert.AreEqual("forest", run.Experiment);
        Assert.AreEqual(42L, run.Seed);
        Assert.AreEqual(0.2, run.TestSize);
        Assert.AreEqual(100, run.Param<int>("Trees"));
        Assert.AreEqual(0.5, run.Param<double>("Rate"));
        Assert.IsTrue(run.Param<bool>("Bootstrap"));
        Assert.AreEqual(Speed.Fast, run.Param<Speed>("Kind"));
        Assert.AreEqual("a b", run.Param<string>("Name"));
        Assert.AreEqual(7, run.Param("Missing", 7));
        Assert.AreEqual(Path.GetFullPath("data/iris.csv"), run.DataPath);
        Assert.IsTrue(File.Exists(Path.Combine(_run.Path, "runtime.json")));
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
        run.LogMetric("b", 0.1);
        run.LogMetric("a", 1.0 / 3);
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(_run.Path, "metrics.json")));
        CollectionAssert.AreEqual(new[] { "a", "b" }, metrics.RootElement.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.AreEqual(1.0 / 3, metrics.RootElement.GetProperty("a").GetDouble());
    }

    [TestMethod]
    [DataRow(double.NaN)]
    [DataRow(double.PositiveInfinity)]
    public void NonFiniteMetricsAreRefused(double value)
    {
        var error = Assert.ThrowsExactly<ExperimentException>(() => Open().LogMetric("loss", value));
        Assert.AreEqual("REPRO2004", error.Code);
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
        Assert.AreEqual("REPRO2005", Assert.ThrowsExactly<ExperimentException>(() => run.ArtifactPath("../run.json")).Code);
    }

    [TestMethod]
    public void WithoutItsRunFolderTheProgramSaysHowToStartIt()
    {
        var error = Assert.ThrowsExactly<ExperimentException>(() => ExperimentRun.Open([]));
        Assert.AreEqual("REPRO2003", error.Code);
        StringAssert.Contains(error.Message, "dotnet build -t:Train");
    }

    private ExperimentRun Open() => ExperimentRun.Open(["--repro-run", _run.Path]);

    public enum Speed
    {
        Slow,
        Fast,
    }
}
