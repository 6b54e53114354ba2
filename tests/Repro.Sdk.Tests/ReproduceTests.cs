using System.Text.Json;
using Repro.Sdk.Tests.Infrastructure;

namespace Repro.Sdk.Tests;

/// <summary>-t:Reproduce re-runs a recorded run, fails the build on divergence and says which input changed.</summary>
[TestClass]
public sealed class ReproduceTests
{
    private static ExperimentProject _shared = null!;

    private const string Experiments = """
            <Experiment Include="weights" Seed="42" Data="data/numbers.csv" />
            <Experiment Include="clock" Seed="1" Mode="clock" Tolerance="0" />
            <Experiment Include="clock-wide" Seed="1" Mode="clock" Tolerance="1e-9 score=1" />
            <Experiment Include="stamped" Seed="3" Data="data/numbers.csv" Stamp="true" />
            <Experiment Include="crash" Seed="1" Mode="crash" />
        """;

    public TestContext TestContext { get; set; } = null!;

    /// <summary>The project every test that leaves its files alone shares, restored and built once, with a run store of the test's own.</summary>
    private ExperimentProject Shared => _shared.WithStoreOf(TestContext.TestName!);

    [ClassInitialize]
    public static void CreateProject(TestContext context) => _shared = ExperimentProject.CreateShared(Experiments);

    [TestMethod]
    public void AnUnchangedProjectReproducesAndLeavesAnAuditTrail()
    {
        var project = Shared;
        var runId = project.TrainRun("weights");
        var before = project.Runs();

        var output = project.Reproduce(runId).Succeeded().Output;

        StringAssert.Contains(output, $"reproduced {runId}");
        StringAssert.Contains(output, "data/numbers.csv  same: sha256 ");
        var reproduction = Record(project.Runs().Except(before).Single());
        Assert.AreEqual(runId, reproduction.GetProperty("reproductionOf").GetString());
        Assert.AreEqual("reproduced", reproduction.GetProperty("verdict").GetProperty("status").GetString());
        Assert.IsTrue(reproduction.GetProperty("verdict").GetProperty("modelIdentical").GetBoolean());
    }

    [TestMethod]
    public void ChangedDataFailsTheBuildAndTheMessageNamesTheFile()
    {
        var project = ExperimentProject.Create(Experiments);
        var runId = project.TrainRun("weights");
        project.Write("data/numbers.csv", "value\n1.5\n2.25\n-3\n4\n99\n");

        var output = project.Reproduce(runId).FailedWith("REPRO0024").Output;

        StringAssert.Contains(output, "score");
        StringAssert.Contains(output, "data/numbers.csv changed: sha256");
    }

    [TestMethod]
    public void TheRecordedConfigurationIsUsedNotTheProjectFilesToday()
    {
        var project = ExperimentProject.Create(Experiments);
        var runId = project.TrainRun("weights");
        var csproj = File.ReadAllText(project.ProjectFile);
        project.Write("Demo.csproj", csproj.Replace("""Include="weights" Seed="42" """, """Include="weights" Seed="5" Scale="3" """));

        project.Reproduce(runId).Succeeded();
    }

    [TestMethod]
    public void ANonDeterministicProgramFailsAtZeroToleranceAndPassesAWideOne()
    {
        var project = Shared;
        var runId = project.TrainRun("clock");

        var output = project.Reproduce(runId).FailedWith("REPRO0024").Output;
        StringAssert.Contains(output, "No recorded input changed");
        project.Reproduce(runId, "-p:Tolerance=1").Succeeded();
    }

    [TestMethod]
    public void TheToleranceRecordedWithTheRunJudgesItsReproductionUnlessTheCommandLineOverridesIt()
    {
        var project = ExperimentProject.Create(Experiments);
        var runId = project.TrainRun("clock-wide");
        Assert.AreEqual("1e-09 score=1", Record(Path.Combine(project.RunsDirectory, runId)).GetProperty("tolerance").GetString());
        // Today's project file says otherwise: the run's own record decides, as for every other input.
        project.Write("Demo.csproj", File.ReadAllText(project.ProjectFile).Replace("Tolerance=\"1e-9 score=1\"", "Tolerance=\"0\""));

        // The clock's score moves by less than 1 between runs: the recorded score=1 accepts it, the default 1e-9 would not.
        var before = project.Runs();
        project.Reproduce(runId).Succeeded();
        var score = Record(project.Runs().Except(before).Single()).GetProperty("verdict").GetProperty("metrics").EnumerateArray()
            .Single(m => m.GetProperty("name").GetString() == "score");
        Assert.AreEqual("1", score.GetProperty("tolerance").GetString());
        Assert.IsGreaterThan(1e-9, score.GetProperty("difference").GetDouble(), "the score moved by more than the default tolerance");

        StringAssert.Contains(project.Reproduce(runId, "-p:Tolerance=1e-9").FailedWith("REPRO0024").Output, "score");
    }

    [TestMethod]
    public void AModelThatIsNotBitIdenticalFailsOnlyWhenExactIsAsked()
    {
        var project = Shared;
        var runId = project.TrainRun("stamped");

        StringAssert.Contains(project.Reproduce(runId).Succeeded().Output, "model differs");
        StringAssert.Contains(project.Reproduce(runId, "-p:ReproExact=true").FailedWith("REPRO0025").Output, "artifacts/model.txt");
    }

    [TestMethod]
    public void ATamperedRecordIsCaughtBeforeAnythingRuns()
    {
        var project = Shared;
        var runId = project.TrainRun("weights");
        var metrics = Path.Combine(project.RunsDirectory, runId, "metrics.json");
        File.WriteAllText(metrics, File.ReadAllText(metrics).Replace("\"rows\": 5", "\"rows\": 6"));
        var before = project.Runs();

        StringAssert.Contains(project.Reproduce(runId).FailedWith("REPRO0022").Output, "metrics.json has changed");
        CollectionAssert.AreEqual(before, project.Runs(), "nothing ran");
    }

    [TestMethod]
    public void AFailedRunHasNothingToReproduce()
    {
        var project = Shared;
        var before = project.Runs();
        project.Train("-p:Experiment=crash").FailedWith("REPRO0006");
        project.Reproduce(Path.GetFileName(project.Runs().Except(before).Single())).FailedWith("REPRO0023");
    }

    [TestMethod]
    [DataRow("../../x")]
    [DataRow("20261122-051500-123-3f9a1c/../../x")]
    public void APathIsNotARunId(string runId) =>
        Shared.Reproduce(runId).FailedWith("REPRO0020");

    [TestMethod]
    public void AnUnknownIdListsTheNearestOnes()
    {
        var project = Shared;
        var runId = project.TrainRun("weights");
        var typo = runId[..^1] + (runId[^1] == '0' ? '1' : '0');
        StringAssert.Contains(project.Reproduce(typo).FailedWith("REPRO0021").Output, runId);
    }

    [TestMethod]
    public void AtTheRecordedCommitARunReproducesAfterTheCodeMovedOn()
    {
        var project = ExperimentProject.Create(Experiments);
        var runId = project.TrainRun("weights");
        project.Write("Program.cs", ExperimentProject.ProgramSource.Replace("score *= run.Param(\"Scale\", 1.0);", "score *= 2 * run.Param(\"Scale\", 1.0);"));
        project.Commit("the program changed");

        StringAssert.Contains(project.Reproduce(runId).FailedWith("REPRO0024").Output, "program changed: sha256");
        var output = project.Reproduce(runId, "-p:ReproduceAt=commit").Succeeded().Output;

        StringAssert.Contains(output, $"reproduced {runId}");
        Assert.AreEqual(1, project.Git("worktree", "list").Split('\n').Length, "the temporary worktree is removed");
        var reproduction = Record(project.Runs()[^1]);
        Assert.AreEqual(Record(Path.Combine(project.RunsDirectory, runId)).GetProperty("git").GetProperty("commit").GetString(),
            reproduction.GetProperty("git").GetProperty("commit").GetString());
    }

    [TestMethod]
    public void ARunFromADirtyTreeThatKeptNoPatchCannotBeReproducedAtItsCommit()
    {
        var project = ExperimentProject.Create(Experiments);
        project.Write("notes.txt", "uncommitted");
        var before = project.Runs();
        StringAssert.Contains(project.Train("-p:Experiment=weights", "-p:ReproMaxPatchBytes=0").Succeeded().Output, "warning REPRO1006:");
        var runId = Path.GetFileName(project.Runs().Except(before).Single());
        StringAssert.Contains(project.Reproduce(runId, "-p:ReproduceAt=commit").FailedWith("REPRO0026").Output, "more than $(ReproMaxPatchBytes)");
        project.Reproduce(runId, "-p:ReproduceAt=yesterday").FailedWith("REPRO0029");
    }

    [TestMethod]
    public void OnCiADirtyTreeOrAMissingLockFileIsAnError()
    {
        var project = ExperimentProject.Create(Experiments);
        var clean = NewRun(project, () => project.DotnetOnCi("build", "-t:Train", "-p:Experiment=weights").Succeeded());
        Assert.IsFalse(Record(clean).GetProperty("git").GetProperty("dirty").GetBoolean());

        // Force: the run on record would make 'weights' up to date, and an up-to-date experiment makes no run to judge.
        project.Write("notes.txt", "uncommitted");
        var before = project.Runs();
        project.DotnetOnCi("build", "-t:Train", "-p:Experiment=weights", "-p:Force=true").FailedWith("REPRO0030");
        CollectionAssert.AreEqual(before, project.Runs(), "a refused build makes no run");

        // On the same CI, -p:ReproStrict=false turns the gate off: the same build trains, and the run says it was dirty.
        var dirty = NewRun(project, () => project.DotnetOnCi("build", "-t:Train", "-p:Experiment=weights", "-p:Force=true", "-p:ReproStrict=false").Succeeded());
        Assert.IsTrue(Record(dirty).GetProperty("git").GetProperty("dirty").GetBoolean());
        File.Delete(Path.Combine(project.Directory, "notes.txt"));

        // A new dependency the lock file does not have yet: in strict mode restore refuses to change the lock file,
        // and the build stops there.
        var csproj = File.ReadAllText(project.ProjectFile);
        var lockFile = Path.Combine(project.Directory, "packages.lock.json");
        var locked = File.ReadAllText(lockFile);
        project.Write("Demo.csproj", csproj.Replace("</Project>", """<ItemGroup><PackageReference Include="MathNet.Numerics" Version="5.0.0" /></ItemGroup></Project>"""));
        project.Commit("a dependency the lock file lacks");
        before = project.Runs();
        project.DotnetOnCi("build", "-restore", "-t:Train", "-p:Experiment=weights", "-p:Force=true").FailedWith("NU1004");
        CollectionAssert.AreEqual(before, project.Runs(), "no run is made with dependencies the lock file does not pin");
        Assert.AreEqual(locked, File.ReadAllText(lockFile), "the lock file is left as committed");
        project.Write("Demo.csproj", csproj);

        File.Delete(lockFile);
        project.Commit("no lock file");
        project.DotnetOnCi("build", "-restore", "-t:Train", "-p:Experiment=weights", "-p:Force=true", "-p:RestorePackagesWithLockFile=false").FailedWith("REPRO0031");
        CollectionAssert.AreEqual(before, project.Runs(), "no run is made without a lock file");
    }

    /// <summary>Runs <paramref name="build"/> and returns the one run folder it made.</summary>
    private static string NewRun(ExperimentProject project, Action build)
    {
        var before = project.Runs();
        build();
        return project.Runs().Except(before).Single();
    }

    private static JsonElement Record(string runFolder) => ExperimentProject.ReadJson(Path.Combine(runFolder, "run.json"));
}
