using Repro.Runs;
using System.Xml.Linq;
using Repro.Diagnostics;
using Repro.Fingerprints;
using Repro.Plots;
using Repro.Records;
using Repro.Reproduction;

namespace Repro.Core.Tests;

[TestClass]
public sealed class RunPlotsTests
{
    private const string RunId = "20261122-051500-123-3f9a1c";

    private TempFolder _run = null!;

    [TestInitialize]
    public void Create() => _run = new TempFolder();

    [TestCleanup]
    public void Delete() => _run.Dispose();

    [TestMethod]
    public void TheHistoryGivesEachMetricsPointsInTheOrderLogged()
    {
        _run.Write("history.jsonl", """
            {"name":"loss","step":0,"value":2.5}
            {"name":"accuracy","step":0,"value":0.5}
            {"name":"loss","step":1,"value":1E-05}

            {"name":"loss","step":3,"value":0.25}
            """);

        var history = MetricHistory.Read(Path.Combine(_run.Path, "history.jsonl"), "iris");

        CollectionAssert.AreEqual(new[] { "accuracy", "loss" }, history.Keys.ToArray());
        CollectionAssert.AreEqual(new (long, double)[] { (0, 2.5), (1, 1e-5), (3, 0.25) }, history["loss"]);
        Assert.AreEqual(0, MetricHistory.Read(Path.Combine(_run.Path, "none.jsonl"), "iris").Count);
    }

    [TestMethod]
    [DataRow("not json")]
    [DataRow("""{"name":"loss","step":0}""")]
    [DataRow("""{"name":"loss","step":-1,"value":1}""")]
    [DataRow("""{"name":"loss","step":0.5,"value":1}""")]
    [DataRow("""{"name":"","step":0,"value":1}""")]
    [DataRow("""{"name":"loss","step":0,"value":"1"}""")]
    [DataRow("""[1, 2]""")]
    public void ALineThatIsNotAPointMakesTheMetricsUnusable(string line)
    {
        _run.Write("history.jsonl", "{\"name\":\"loss\",\"step\":0,\"value\":1}\n" + line + "\n");

        var error = Assert.ThrowsExactly<ReproException>(() => MetricHistory.Read(Path.Combine(_run.Path, "history.jsonl"), "iris"));

        Assert.AreEqual(ErrorCode.BadMetrics, error.Code);
        StringAssert.Contains(error.Message, "line 2 of the history.jsonl of experiment 'iris'");
    }

    [TestMethod]
    public void EverySeriesIsDrawnInThePlotsFolder()
    {
        _run.Write("history.jsonl", """
            {"name":"train_loss","step":0,"value":3}
            {"name":"train_loss","step":1,"value":2}
            {"name":"train_loss","step":2,"value":1.5}
            {"name":"val/acc","step":0,"value":0.5}
            """);

        var plots = RunPlots.Write(_run.Path, "iris");

        CollectionAssert.AreEqual(new[] { "plots/train_loss.svg", "plots/val_acc.svg" }, plots.ToArray());
        var svg = XDocument.Load(Path.Combine(_run.Path, "plots", "train_loss.svg"));
        XNamespace ns = "http://www.w3.org/2000/svg";
        var line = svg.Descendants(ns + "polyline").Single(p => ((string)p.Attribute("style")!).Contains("stroke:rgb(31,119,180)"));
        Assert.AreEqual(3, ((string)line.Attribute("points")!).Split(' ').Length);
        Assert.AreEqual(SvgPlots.Series("train_loss", [(0, 3), (1, 2), (2, 1.5)]), File.ReadAllText(Path.Combine(_run.Path, "plots", "train_loss.svg")));
    }

    [TestMethod]
    public void WithoutAHistoryThereAreNoPlots()
    {
        Assert.AreEqual(0, RunPlots.Write(_run.Path, "iris").Count);
        Assert.IsFalse(Directory.Exists(Path.Combine(_run.Path, "plots")));
    }

    [TestMethod]
    public void MetricNamesBecomeSafeDistinctFileNames()
    {
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        Assert.AreEqual("a_b", RunPlots.FileName("a/b", taken));
        Assert.AreEqual("a_b-2", RunPlots.FileName("a b", taken));
        Assert.AreEqual("A_B-3", RunPlots.FileName("A_B", taken));
        Assert.AreEqual("metric", RunPlots.FileName("..", taken));
        Assert.AreEqual("_etc_passwd", RunPlots.FileName("../etc/passwd", taken));
    }

    [TestMethod]
    public void TheReportEmbedsThePlotsOnlyWhenThereAreSome()
    {
        var plain = TestRecords.Completed();
        var plotted = plain with
        {
            Artifacts = [.. plain.Artifacts, new FileFingerprint("plots/train_loss.svg", new string('a', 64), 100)],
        };

        var report = RunReport.Render(plotted, "dotnet build -t:Reproduce");

        StringAssert.Contains(report, "## Plots\n\n![train_loss](plots/train_loss.svg)\n");
        Assert.IsTrue(report.IndexOf("## Metrics", StringComparison.Ordinal) < report.IndexOf("## Plots", StringComparison.Ordinal));
        Assert.IsFalse(RunReport.Render(plain, "dotnet build -t:Reproduce").Contains("## Plots"));
    }

    [TestMethod]
    public void TheHistoryIsHashedInTheRecordAndAChangeIsDamage()
    {
        var folder = Path.Combine(_run.Path, RunId);
        Directory.CreateDirectory(folder);
        var config = Path.Combine(folder, RunFiles.Config);
        var history = Path.Combine(folder, RunFiles.History);
        File.WriteAllText(config, "{}");
        File.WriteAllText(history, "{\"name\":\"loss\",\"step\":0,\"value\":1}\n");
        RecordJson.WriteRecord(Path.Combine(folder, RunFiles.Run), TestRecords.Completed() with
        {
            Artifacts = [],
            Files = new RecordFiles(FileHash.Sha256(config), null, FileHash.Sha256(history)),
        });
        Assert.AreEqual(FileHash.Sha256(history), RecordIntegrity.Read(folder).Files.History);

        File.AppendAllText(history, "{\"name\":\"loss\",\"step\":1,\"value\":0.5}\n");

        var error = Assert.ThrowsExactly<ReproException>(() => RecordIntegrity.Read(folder));
        Assert.AreEqual(ErrorCode.DamagedRecord, error.Code);
        StringAssert.Contains(error.Message, "history.jsonl has changed");
    }

    [TestMethod]
    public void ARecordFromBeforeHistoriesReadsWithoutOne()
    {
        var path = Path.Combine(_run.Path, RunFiles.Run);
        RecordJson.WriteRecord(path, TestRecords.Completed());
        var json = File.ReadAllText(path);
        StringAssert.Contains(json, "\"history\": null");
        File.WriteAllText(path, json.Replace(",\n    \"history\": null", ""));
        Assert.IsFalse(File.ReadAllText(path).Contains("history"));

        Assert.IsNull(RecordJson.ReadRecord(path).Files.History);
    }
}
