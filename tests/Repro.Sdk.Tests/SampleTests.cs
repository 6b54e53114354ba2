using System.Text.Json;
using Repro.Processes;
using Repro.Sdk.Tests.Infrastructure;

namespace Repro.Sdk.Tests;

/// <summary>The Iris sample, as a newcomer trains it from a clone: every experiment twice, the same metrics both times.</summary>
[TestClass]
public sealed class SampleTests
{
    [TestMethod]
    public void TrainingTheSampleTwiceGivesIdenticalMetrics()
    {
        var runsDirectory = Path.Combine(Path.GetTempPath(), "repro-it", Guid.NewGuid().ToString("N"), "runs");
        var sample = Path.Combine(RepositoryRoot.Path, "samples", "IrisExperiment");
        for (var i = 0; i < 2; i++)
        {
            Dotnet.Run(sample, null, "build", "-t:Train", "-p:ReproRunsDir=" + runsDirectory).Succeeded();
        }

        var runs = Directory.GetDirectories(runsDirectory).Select(r => ExperimentProject.ReadJson(Path.Combine(r, "run.json"))).ToArray();
        var byExperiment = runs.GroupBy(r => r.GetProperty("experiment").GetString()).ToArray();
        Assert.IsGreaterThanOrEqualTo(2, byExperiment.Length, "the sample has at least two experiments");
        var head = ChildProcess.Run("git", ["rev-parse", "HEAD"], RepositoryRoot.Path, TimeSpan.FromSeconds(30)).StandardOutput.Trim();
        foreach (var experiment in byExperiment)
        {
            var pair = experiment.ToArray();
            Assert.HasCount(2, pair);
            Assert.AreEqual("completed", pair[0].GetProperty("status").GetString());
            Assert.AreEqual(Metrics(pair[0]), Metrics(pair[1]), $"{experiment.Key}: the same seed must give the same metrics");
            Assert.AreEqual(head, pair[0].GetProperty("git").GetProperty("commit").GetString());
            Assert.IsTrue(pair[0].GetProperty("metrics").GetProperty("accuracy").GetDouble() > 0.8, $"{experiment.Key} learns iris");
        }
    }

    private static string Metrics(JsonElement record) => record.GetProperty("metrics").GetRawText();
}
