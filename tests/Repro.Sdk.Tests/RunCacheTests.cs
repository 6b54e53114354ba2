using System.Text.Json;
using Repro.Sdk.Tests.Infrastructure;

namespace Repro.Sdk.Tests;

/// <summary>
/// Train skips what has not changed: an experiment whose completed run on record has the same inputs is up to date,
/// and a change retrains only the experiments it touches.
/// </summary>
[TestClass]
public sealed class RunCacheTests
{
    private const string Experiments = """
            <Experiment Include="weights" Seed="42" Data="data/numbers.csv" Scale="2" />
            <Experiment Include="other" Seed="7" Data="data/other.csv" Scale="3" />
            <Experiment Include="crash" Seed="1" Mode="crash" />
        """;

    // What a script reads from Train: the @(ReproRun) items.
    private const string ShowRuns = """
          <Target Name="ShowRuns" AfterTargets="Train">
            <Message Importance="high" Text="ReproRun %(ReproRun.Experiment) %(ReproRun.Identity) %(ReproRun.Status) UpToDate=%(ReproRun.UpToDate)" />
          </Target>
        """;

    [TestMethod]
    public void ASecondTrainIsUpToDateWritesNoRunAndNamesTheRunOnRecord()
    {
        var project = Create();
        var first = TrainNew(project, "-p:Experiment=\"weights other\"");
        Assert.HasCount(2, first);
        var weights = RunOf(project, first, "weights");
        var other = RunOf(project, first, "other");
        var key = Record(project, weights).GetProperty("cacheKey").GetString();
        Assert.AreEqual(64, key?.Length, "run.json carries the cache key");
        Assert.AreEqual("weights", Record(project, weights).GetProperty("cacheInputs").GetProperty("experiment").GetString());

        var before = project.Runs();
        var output = project.Train("-p:Experiment=\"weights other\"").Succeeded().Output;

        CollectionAssert.AreEqual(before, project.Runs(), "an up-to-date Train writes no run folder");
        StringAssert.Contains(output, $"up to date: weights (run {weights})");
        StringAssert.Contains(output, $"up to date: other (run {other})");
        StringAssert.Contains(output, "Demo -> runs/ (2 run(s): 0 completed, 0 failed, 2 up to date)");
        StringAssert.Contains(output, $"ReproRun weights {weights} completed UpToDate=true");
        StringAssert.Contains(output, $"ReproRun other {other} completed UpToDate=true");

        var forced = TrainNew(project, "-p:Experiment=weights", "-p:Force=true");
        Assert.HasCount(1, forced, "-p:Force=true trains regardless");
        StringAssert.Contains(project.Train("-p:Experiment=weights").Succeeded().Output, $"up to date: weights (run {forced[0]})",
            "the newest matching run is the one named");

        var reproduced = project.Reproduce(weights).Succeeded().Output;
        StringAssert.Contains(reproduced, $"reproduced {weights}");
        Assert.HasCount(before.Length + 2, project.Runs(), "Reproduce never uses the cache");
    }

    [TestMethod]
    public void EachChangeTrainsOnlyTheExperimentsItTouches()
    {
        var project = Create();
        var first = TrainNew(project, "-p:Experiment=\"weights other\"");
        var otherBefore = RunOf(project, first, "other");

        // -p:Params sets Scale=2 for both: the weights experiment already has it, so only other's inputs change.
        var output = project.Train("-p:Experiment=\"weights other\"", "-p:Params=Scale=2").Succeeded().Output;
        StringAssert.Contains(output, $"up to date: weights (run {RunOf(project, first, "weights")})");
        StringAssert.Contains(output, $"Training other with seed 7… (parameter Scale changed since run {otherBefore})");
        Assert.HasCount(first.Length + 1, project.Runs());

        // Back to the project's values: the first run of other is on record with them.
        StringAssert.Contains(project.Train("-p:Experiment=other").Succeeded().Output, $"up to date: other (run {otherBefore})");

        project.Write("data/other.csv", "value\n5\n6\n");
        var changedData = TrainNew(project, "-p:Experiment=\"weights other\"");
        Assert.AreEqual("other", Experiment(project, changedData.Single()), "only the experiment reading the changed file trains");

        // A touched file is hashed again, gives the same hash, and the run on record stands.
        File.SetLastWriteTimeUtc(Path.Combine(project.Directory, "data", "numbers.csv"), DateTime.UtcNow);
        Assert.IsEmpty(TrainNew(project, "-p:Experiment=\"weights other\""), "touching a file without changing it trains nothing");

        // The lock file is every experiment's input: a change to it (here only its layout) trains them all.
        var lockFile = Path.Combine(project.Directory, "packages.lock.json");
        File.WriteAllText(lockFile, File.ReadAllText(lockFile) + "\n");
        var changedLock = TrainNew(project, "-p:Experiment=\"weights other\"");
        CollectionAssert.AreEquivalent(new[] { "weights", "other" }, changedLock.Select(r => Experiment(project, r)).ToArray());
    }

    [TestMethod]
    public void TrainInTheBuildsProcessMakesTheRunsTheTaskHostWouldAndSaysWhatItSays()
    {
        var project = ExperimentProject.Create("""
                <Experiment Include="weights" Seed="42" Data="data/numbers.csv" Scale="2" />
                <Experiment Include="seeded" Seeds="1;2;3" Data="data/numbers.csv" />
            """, projectBody: ShowRuns);
        var made = project.Train("-v:d").Succeeded().Output;
        Assert.IsTrue(made.Contains("Task \"TrainInBuildProcess\"", StringComparison.Ordinal), "the build's process trained");
        Assert.IsFalse(made.Contains("Task \"TrainExperiments\"", StringComparison.Ordinal), "no task host was started for Train");
        StringAssert.Contains(made, "Training weights with seed 42…");
        StringAssert.Contains(made, "work beside the runs took", "while the programs ran, the build's process compiled the page's code");
        StringAssert.Contains(made, "Train took ");
        var before = project.Runs();
        Assert.HasCount(4, before);

        // The task host finds every run up to date: the cache key the build's process gave each run is the one it gives.
        var inTaskHost = project.Train("-p:ReproTaskFactory=TaskHostFactory").Succeeded().Output;
        var inProcess = project.Train().Succeeded().Output;
        var answer = Answer(inProcess);
        Assert.IsTrue(answer.Any(l => l.StartsWith("Group ", StringComparison.Ordinal) && l.EndsWith("(up to date)", StringComparison.Ordinal)), string.Join("\n", answer));
        Assert.AreEqual(4, answer.Count(l => l.StartsWith("ReproRun ", StringComparison.Ordinal) && l.EndsWith("UpToDate=true", StringComparison.Ordinal)));
        CollectionAssert.AreEqual(Answer(inTaskHost), answer, "the same summary, page and items either way");
        CollectionAssert.AreEqual(before, project.Runs(), "no run folder written");
        var upToDate = project.Train("-v:d").Succeeded().Output;
        Assert.DoesNotContain("work beside the runs", upToDate, "with no program to wait for, nothing is done beside");
        StringAssert.Matches(upToDate, new System.Text.RegularExpressions.Regex(@"Train's planning code was (compiled beside the build, in \d+ ms|still being compiled)"),
            "while the program was built, the build's process compiled what the run cache reads with");

        // And the other way: a run the task host made is up to date in the build's process.
        project.Write("data/numbers.csv", "value\n7\n8\n");
        var changed = project.Train("-p:Experiment=weights", "-p:ReproTaskFactory=TaskHostFactory").Succeeded().Output;
        StringAssert.Contains(changed, "Training weights with seed 42… (data/numbers.csv changed since run");
        var weights = project.Runs().Except(before).Single();
        StringAssert.Contains(project.Train("-p:Experiment=weights").Succeeded().Output, $"up to date: weights (run {Path.GetFileName(weights)})");
        Assert.HasCount(before.Length + 1, project.Runs());
    }

    [TestMethod]
    public void AWarningOfTrainsPlanningIsGivenOnceWhetherARunIsMadeOrUpToDate()
    {
        var project = ExperimentProject.Create("""<Experiment Include="weights" Seed="42" Data="data/numbers.csv" />""", git: false);
        var made = project.Train().Succeeded().Output;
        var upToDate = project.Train().Succeeded().Output;

        StringAssert.Contains(made, "Training weights with seed 42…");
        StringAssert.Contains(upToDate, "up to date: weights (run ");
        foreach (var output in new[] { made, upToDate })
        {
            Assert.AreEqual(1, Warnings(output, "REPRO1002"), output);
        }
    }

    /// <summary>What Train says and returns, from its first line to the build's result.</summary>
    private static string[] Answer(string output)
    {
        var lines = output.Split('\n').Select(l => l.Trim()).ToArray();
        var first = Array.FindIndex(lines, l => l.StartsWith("up to date: ", StringComparison.Ordinal));
        var last = Array.FindIndex(lines, l => l == "Build succeeded.");
        return lines[first..last].Where(l => l.Length > 0).ToArray();
    }

    /// <summary>How often a warning is given, not counting the build's summary at the end.</summary>
    private static int Warnings(string output, string code)
    {
        var body = output[..output.IndexOf("Build succeeded.", StringComparison.Ordinal)];
        return body.Split('\n').Count(l => l.Contains($"warning {code}:", StringComparison.Ordinal));
    }

    [TestMethod]
    public void ACorruptHashCacheIsRebuiltAndAFailedRunNeverCounts()
    {
        var project = Create();
        var before = project.Runs();
        project.Train().FailedWith("REPRO0006");
        Assert.HasCount(before.Length + 3, project.Runs());
        var weights = RunOf(project, project.Runs(), "weights");

        var cache = Path.Combine(project.Directory, "obj", "repro", "hashes.json");
        Directory.CreateDirectory(Path.GetDirectoryName(cache)!);
        File.WriteAllText(cache, "{\"version\": 1, \"files\": [{\"path\": ");
        var output = project.Train().FailedWith("REPRO0006").Output;

        StringAssert.Contains(output, "warning REPRO1003:");
        StringAssert.Contains(output, $"up to date: weights (run {weights})");
        StringAssert.Contains(output, "Training crash with seed 1…");
        Assert.HasCount(before.Length + 4, project.Runs(), "the failed run is no cache: crash ran again, the others did not");
        using var rebuilt = JsonDocument.Parse(File.ReadAllText(cache));
        Assert.AreEqual(1, rebuilt.RootElement.GetProperty("version").GetInt32(), "the cache was rebuilt");
    }

    private static ExperimentProject Create()
    {
        var project = ExperimentProject.Create(Experiments, projectBody: ShowRuns);
        project.Write("data/other.csv", "value\n1\n2\n3\n");
        project.Commit("another data file");
        return project;
    }

    /// <summary>Trains and returns the ids of the runs it wrote.</summary>
    private static string[] TrainNew(ExperimentProject project, params string[] properties)
    {
        var before = project.Runs();
        project.Train(properties).Succeeded();
        return project.Runs().Except(before).Select(r => Path.GetFileName(r)!).ToArray();
    }

    private static string RunOf(ExperimentProject project, IEnumerable<string> runs, string experiment) =>
        runs.Select(r => Path.GetFileName(r)!).Last(r => Experiment(project, r) == experiment);

    private static string Experiment(ExperimentProject project, string runId) => Record(project, runId).GetProperty("experiment").GetString()!;

    private static JsonElement Record(ExperimentProject project, string runId) =>
        ExperimentProject.ReadJson(Path.Combine(project.RunsDirectory, runId, "run.json"));
}
