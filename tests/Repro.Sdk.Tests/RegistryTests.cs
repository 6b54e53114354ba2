using System.Text.Json;
using Repro.Sdk.Tests.Infrastructure;

namespace Repro.Sdk.Tests;

/// <summary>The registry verbs on a real project: register, promote, describe, list, reproduce and apply a version.</summary>
[TestClass]
public sealed class RegistryTests
{
    private static ExperimentProject _shared = null!;

    private const string Experiments = """
            <Experiment Include="weights" Seed="42" Data="data/numbers.csv" Scale="2" />
            <Experiment Include="crash" Seed="1" Mode="crash" />
        """;

    public TestContext TestContext { get; set; } = null!;

    /// <summary>The project the tests that leave its files alone share, restored and built once, with a run store and registry of the test's own.</summary>
    private ExperimentProject Shared => _shared.WithStoreOf(TestContext.TestName!);

    [ClassInitialize]
    public static void CreateProject(TestContext context) => _shared = ExperimentProject.CreateShared(Experiments);

    [TestMethod]
    public void TrainRegisterPromoteChangeApplyTrainGivesTheProductionMetricsAgain()
    {
        var project = ExperimentProject.Create(Experiments);
        var runId = project.TrainRun("weights");
        StringAssert.Contains(Registry(project, "Register", "-p:RunId=" + runId).Succeeded().Output, "as iris-classifier@1");
        StringAssert.Contains(At(project, "Promote", "1", "-p:Alias=production").Succeeded().Output, "iris-classifier@production now points at version 1");

        project.Write("Demo.csproj", File.ReadAllText(project.ProjectFile).Replace("""Seed="42" Data="data/numbers.csv" Scale="2" """, """Seed="3" Data="data/numbers.csv" Scale="5" Extra="1" """));
        var applied = At(project, "ApplyParams", "production").Succeeded().Output;
        StringAssert.Contains(applied, "Seed: 3 → 42");
        StringAssert.Contains(applied, "Scale: 5 → 2");
        StringAssert.Contains(applied, "Extra: 1 → (removed)");

        // The production configuration again: the production run is up to date, nothing trains.
        var before = project.Runs();
        StringAssert.Contains(project.Train("-p:Experiment=weights").Succeeded().Output, $"up to date: weights (run {runId})");
        CollectionAssert.AreEqual(before, project.Runs());
        var again = project.TrainRun("weights", "-p:Force=true");
        Assert.AreEqual(Metrics(project, runId), Metrics(project, again));
    }

    [TestMethod]
    public void DescribeRunsAndReproduceWorkByAliasVersionAndRunId()
    {
        var project = Shared;
        var first = project.TrainRun("weights");
        var second = project.TrainRun("weights", "-p:Force=true");
        Registry(project, "Register", "-p:RunId=" + first).Succeeded();
        Registry(project, "Register", "-p:RunId=" + second).Succeeded();
        At(project, "Promote", "1", "-p:Alias=production").Succeeded();
        At(project, "Promote", "2", "-p:Alias=production").Succeeded();

        var description = At(project, "Describe", "production").Succeeded().Output;
        StringAssert.Contains(description, $"Run {second}: weights, completed");
        StringAssert.Contains(description, "registered as iris-classifier@2 (iris-classifier@production)");
        StringAssert.Contains(description, project.Git("rev-parse", "HEAD") + " on main, clean");
        StringAssert.Contains(description, "-t:Reproduce -p:Model=iris-classifier@production -p:ReproduceAt=commit");
        StringAssert.Contains(project.Dotnet("build", "-t:Describe", "-p:RunId=" + first).Succeeded().Output, "iris-classifier@1");

        var history = ExperimentProject.ReadJson(Path.Combine(project.RegistryDirectory, "iris-classifier", "aliases", "production.json"));
        CollectionAssert.AreEqual(new[] { 1, 2 }, history.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("version").GetInt32()).ToArray());

        var table = project.Dotnet("build", "-t:Runs").Succeeded().Output;
        Assert.IsLessThan(table.IndexOf(first, StringComparison.Ordinal), table.IndexOf(second, StringComparison.Ordinal), "newest first");
        StringAssert.Contains(table, "iris-classifier@2 (production)");
        var crashes = project.Dotnet("build", "-t:Runs", "-p:Experiment=crash").Succeeded().Output;
        Assert.IsFalse(crashes.Contains(first, StringComparison.Ordinal), "-p:Experiment filters the table");

        StringAssert.Contains(At(project, "Reproduce", "production").Succeeded().Output, $"reproduced {second}");

        // The form of earlier releases still works, and says the new one.
        var legacy = Registry(project, "Describe", "-p:Version=production").Succeeded().Output;
        StringAssert.Contains(legacy, "warning REPRO1008:");
        StringAssert.Contains(legacy, "write -p:Model=iris-classifier@production");
        StringAssert.Contains(legacy, $"Run {second}: weights, completed");
    }

    [TestMethod]
    public void TwoRegistrationsAtTheSameMomentGetTwoVersions()
    {
        var project = Shared;
        var runs = new[] { project.TrainRun("weights"), project.TrainRun("weights", "-p:Force=true") };

        Parallel.ForEach(runs, run => Registry(project, "Register", "-p:RunId=" + run).Succeeded());

        var versions = Directory.GetFiles(Path.Combine(project.RegistryDirectory, "iris-classifier", "versions"), "*.json")
            .Select(f => ExperimentProject.ReadJson(f)).ToArray();
        CollectionAssert.AreEquivalent(new[] { 1, 2 }, versions.Select(v => v.GetProperty("version").GetInt32()).ToArray());
        CollectionAssert.AreEquivalent(runs, versions.Select(v => v.GetProperty("runId").GetString()).ToArray());
    }

    [TestMethod]
    public void BadInputIsACodedErrorAndTheRegistryKeepsWhatItHad()
    {
        var project = Shared;
        var runId = project.TrainRun("weights");
        Registry(project, "Register", "-p:RunId=" + runId).Succeeded();

        project.Dotnet("build", "-t:Register", "-p:RunId=" + runId, "-p:Model=../models").FailedWith("REPRO0040");
        At(project, "Promote", "1", "-p:Alias=\"pro duction\"").FailedWith("REPRO0041");
        project.Dotnet("build", "-t:Register", "-p:RunId=" + runId, "-p:Model=iris-classifier@3").FailedWith("REPRO0040");
        project.Dotnet("build", "-t:Describe", "-p:Model=wine@1").FailedWith("REPRO0042");
        At(project, "Describe", "staging").FailedWith("REPRO0043");
        At(project, "Promote", "9", "-p:Alias=production").FailedWith("REPRO0043");

        var before = project.Runs();
        project.Train("-p:Experiment=crash").FailedWith("REPRO0006");
        Registry(project, "Register", "-p:RunId=" + Path.GetFileName(project.Runs().Except(before).Single())).FailedWith("REPRO0044");

        var tampered = project.TrainRun("weights", "-p:Force=true");
        File.AppendAllText(Path.Combine(project.RunsDirectory, tampered, "artifacts", "model.txt"), "0");
        StringAssert.Contains(Registry(project, "Register", "-p:RunId=" + tampered).FailedWith("REPRO0044").Output, "model.txt has changed");

        var version = Path.Combine(project.RegistryDirectory, "iris-classifier", "versions", "1.json");
        var recorded = File.ReadAllText(version);
        File.WriteAllText(version, recorded[..^10]);
        At(project, "Describe", "1").FailedWith("REPRO0045");
        Assert.AreEqual(recorded[..^10], File.ReadAllText(version), "a broken file is reported, not rewritten");
    }

    [TestMethod]
    public void ARunFromADirtyTreeNeedsAllowDirty()
    {
        var project = ExperimentProject.Create(Experiments);
        project.Write("notes.txt", "uncommitted");
        var runId = project.TrainRun("weights");
        StringAssert.Contains(Registry(project, "Register", "-p:RunId=" + runId).FailedWith("REPRO0044").Output, "AllowDirty");
        Registry(project, "Register", "-p:RunId=" + runId, "-p:AllowDirty=true").Succeeded();
    }

    private static CommandResult Registry(ExperimentProject project, string verb, params string[] properties) =>
        project.Dotnet(["build", "-t:" + verb, "-p:Model=iris-classifier", .. properties]);

    /// <summary>A verb about one version: -p:Model=iris-classifier@VERSION.</summary>
    private static CommandResult At(ExperimentProject project, string verb, string version, params string[] properties) =>
        project.Dotnet(["build", "-t:" + verb, "-p:Model=iris-classifier@" + version, .. properties]);

    private static string Metrics(ExperimentProject project, string runId) =>
        File.ReadAllText(Path.Combine(project.RunsDirectory, runId, "metrics.json"));
}
