using System.Security.Cryptography;
using System.Text.Json;
using Repro.Processes;
using Repro.Sdk.Tests.Infrastructure;

namespace Repro.Sdk.Tests;

/// <summary>
/// The Iris sample, as a newcomer trains it from a clone, on this machine and on simulated others: every experiment,
/// Repro.Learn's and ML.NET's, gives the same metrics and the same model bytes run after run, at any processor count.
/// </summary>
[TestClass]
public sealed class SampleTests
{
    private static readonly string Sample = Path.Combine(RepositoryRoot.Path, "samples", "IrisExperiment");

    // Vectorised sums (ML.NET's linear trainers) add in another order without AVX2: those runs are repeatable, and
    // record their "simd" input, but are not the same bits as with it. Trees and Repro.Learn do not vectorise sums.
    private static readonly string[] SimdIndependent = ["iris-logistic", "iris-forest", "iris-lightgbm"];

    [TestMethod]
    public void EveryExperimentGivesTheSameMetricsAndModelRunAfterRunAtAnyProcessorCount()
    {
        Console.WriteLine("SampleTests: training the sample at a simulated 16 cores, then at 2…");
        var sixteen = Train([], ("DOTNET_PROCESSOR_COUNT", "16"));
        var here = Train([], ("DOTNET_PROCESSOR_COUNT", "2"));

        Assert.IsGreaterThanOrEqualTo(4, here.Count, "the sample has Repro.Learn and ML.NET experiments");
        CollectionAssert.AreEquivalent(here.Keys.ToArray(), sixteen.Keys.ToArray(), "every experiment trains on every machine");
        foreach (var (experiment, run) in sixteen)
        {
            // The build itself saw 16 processors, so the simulation is real; the program still ran at the pinned one.
            Assert.AreEqual(16, run.Record.GetProperty("environment").GetProperty("hostProcessorCount").GetInt32(), experiment);
            Assert.AreEqual(1, run.Record.GetProperty("environment").GetProperty("processorCount").GetInt32(), experiment);
        }

        CollectionAssert.Contains(here["iris-logistic"].Artifacts.Select(a => a.Split(' ')[0]).ToArray(), "plots/train_loss.svg",
            "the logistic regression logs its loss per iteration, and the run plots it");
        var head = ChildProcess.Run("git", ["rev-parse", "HEAD"], RepositoryRoot.Path, TimeSpan.FromSeconds(30)).StandardOutput.Trim();
        foreach (var (experiment, run) in here)
        {
            Assert.AreEqual("completed", run.Status, experiment);
            Assert.AreEqual(head, run.Record.GetProperty("git").GetProperty("commit").GetString());
            var metrics = run.Record.GetProperty("metrics");
            var accuracy = metrics.TryGetProperty("accuracy", out var a) ? a.GetDouble() : metrics.GetProperty("micro_accuracy").GetDouble();
            Assert.IsGreaterThan(0.8, accuracy, $"{experiment} learns iris");
            Assert.AreEqual(1, run.Record.GetProperty("environment").GetProperty("processorCount").GetInt32(),
                $"{experiment}: the sample references ML.NET, so it runs at one processor");

            // Each learner, Repro.Learn's and ML.NET's, records its options, defaults included; they are the same on every machine.
            Assert.IsTrue(run.Record.TryGetProperty("trainers", out var trainers) && trainers.EnumerateObject().Single().Value.EnumerateObject().Count() > 3,
                $"{experiment} records its learner's options");
            Assert.AreEqual(trainers.GetRawText(), sixteen[experiment].Record.GetProperty("trainers").GetRawText(), experiment);

            // Two runs in two processes on two simulated machines: the same bits say the run neither races nor depends on the count.
            AssertSame(run, sixteen[experiment], $"{experiment}: a 2-core machine and a 16-core one");
        }

        // Without SIMD, each learner once: the seed group's members are Repro.Learn forests, as iris-forest is, and a
        // build without SIMD is slow throughout (MSBuild and the compiler too), so five more forests only cost time.
        Console.WriteLine("SampleTests: training each learner with SIMD switched off (DOTNET_EnableAVX2=0, DOTNET_EnableHWIntrinsic=0), at 16 and at 2…");
        (string, string)[] noSimd = [("DOTNET_EnableAVX2", "0"), ("DOTNET_EnableHWIntrinsic", "0")];
        var learners = here.Keys.Where(k => !k.Contains(' ', StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();
        Assert.IsGreaterThanOrEqualTo(4, learners.Length, "the sample has an experiment per learner besides its seed group");
        var scalar = Train(learners, [.. noSimd, ("DOTNET_PROCESSOR_COUNT", "16")]);
        var scalarAgain = Train(learners, [.. noSimd, ("DOTNET_PROCESSOR_COUNT", "2")]);
        CollectionAssert.AreEquivalent(learners, scalar.Keys.ToArray(), "every learner trains without SIMD");
        foreach (var (experiment, run) in scalar)
        {
            AssertSame(run, scalarAgain[experiment], $"{experiment}: twice without SIMD");
            StringAssert.StartsWith(run.Record.GetProperty("environment").GetProperty("simd").GetString(), "none", "the run records that it had no SIMD");
        }

        foreach (var experiment in SimdIndependent)
        {
            AssertSame(here[experiment], scalar[experiment], $"{experiment}: with and without SIMD");
        }
    }

    private static void AssertSame(Run expected, Run actual, string what)
    {
        Assert.AreEqual(expected.Metrics, actual.Metrics, $"{what}: the same seed must give the same metrics");
        CollectionAssert.AreEqual(expected.Artifacts, actual.Artifacts, $"{what}: the same seed must give the same model bytes");
    }

    /// <param name="experiments">Only these; none for every experiment.</param>
    private static Dictionary<string, Run> Train(string[] experiments, params (string Name, string Value)[] environment)
    {
        var runsDirectory = Path.Combine(Path.GetTempPath(), "repro-it", Guid.NewGuid().ToString("N"), "runs");
        // Two runs at once: each is its own process at its pinned count, so results do not depend on it (and this proves it too).
        string[] only = experiments.Length == 0 ? [] : ["-p:Experiment=" + string.Join(' ', experiments)];
        Dotnet.Run(Sample, environment.ToDictionary(e => e.Name, e => e.Value), ["build", "-t:Train", "-p:ReproRunsDir=" + runsDirectory, "-p:MaxParallelRuns=2", .. only]).Succeeded();
        // A seed group's members are one experiment: each is known by its seed too. The groups and .rows folders hold no run.
        var runs = Directory.GetDirectories(runsDirectory).Where(f => Path.GetFileName(f) is not ("groups" or ['.', ..])).Select(Run.Read)
            .ToDictionary(r => r.Record.TryGetProperty("group", out var g) && g.ValueKind == JsonValueKind.String
                ? $"{r.Experiment} seed {r.Record.GetProperty("seed").GetInt64()}"
                : r.Experiment);
        Directory.Delete(Path.GetDirectoryName(runsDirectory)!, recursive: true);
        return runs;
    }

    private sealed record Run(string Experiment, string Status, JsonElement Record, string Metrics, string[] Artifacts)
    {
        public static Run Read(string folder)
        {
            var record = ExperimentProject.ReadJson(Path.Combine(folder, "run.json"));
            // The model and the plots of the run's series (iris-logistic's loss per iteration): the same bytes every time.
            var artifacts = new[] { "artifacts", "plots" }.Select(name => Path.Combine(folder, name)).Where(Directory.Exists)
                .SelectMany(Directory.GetFiles).Order(StringComparer.Ordinal)
                .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/') + " " + Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))).ToArray();
            return new Run(record.GetProperty("experiment").GetString()!, record.GetProperty("status").GetString()!, record,
                record.GetProperty("metrics").GetRawText(), artifacts);
        }
    }
}
