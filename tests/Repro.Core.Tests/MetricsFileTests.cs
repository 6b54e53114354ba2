using Repro.Diagnostics;
using Repro.Records;

namespace Repro.Core.Tests;

[TestClass]
public sealed class MetricsFileTests
{
    [TestMethod]
    public void ReadsAnObjectOfNumbersSortedByName()
    {
        using var folder = new TempFolder();
        var path = folder.Write("metrics.json", "{\"f1\": 0.5, \"accuracy\": 0.9666666666666667, \"rows\": 30}");
        var metrics = MetricsFile.Read(path, "e");
        CollectionAssert.AreEqual(new[] { "accuracy", "f1", "rows" }, metrics.Keys.ToArray());
        Assert.AreEqual(0.9666666666666667, metrics["accuracy"]);
    }

    [TestMethod]
    public void AMissingFileIsNoMetrics()
    {
        using var folder = new TempFolder();
        var error = Assert.ThrowsExactly<ReproException>(() => MetricsFile.Read(Path.Combine(folder.Path, "metrics.json"), "e"));
        Assert.AreEqual(ErrorCode.NoMetrics, error.Code);
    }

    [TestMethod]
    [DataRow("not json", "not valid JSON")]
    [DataRow("[1, 2]", "JSON object")]
    [DataRow("{\"accuracy\": \"high\"}", "'accuracy' is \"high\"")]
    [DataRow("{\"accuracy\": null}", "not a number")]
    [DataRow("{\"huge\": 1e999}", "not finite")]
    [DataRow("{}", "holds no metric")]
    public void AnythingButFiniteNumbersIsRefused(string json, string why)
    {
        using var folder = new TempFolder();
        var path = folder.Write("metrics.json", json);
        var error = Assert.ThrowsExactly<ReproException>(() => MetricsFile.Read(path, "e"));
        Assert.AreEqual(ErrorCode.BadMetrics, error.Code);
        StringAssert.Contains(error.Message, why);
    }
}
