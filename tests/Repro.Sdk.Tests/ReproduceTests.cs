using System.Text.Json;
using Repro.Sdk.Tests.Infrastructure;

namespace Repro.Sdk.Tests;

/// <summary>-t:Reproduce re-runs a recorded run, fails the build on divergence and says which input changed.</summary>
[TestClass]
public sealed class ReproduceTests
{
    private const string Experiments = """
            <Experiment Include="weights" Seed="42" Data="data/numbers.csv" />
            <Experiment Include="clock" Seed="1" Mode="clock" Tolerance="0" />
            <Experiment Include="stamped" Seed="3" Data="data/numbers.csv" Stamp="true" />
            <Experiment Include="crash" Seed="1" Mode="crash" />
        """;

    [TestMethod]
    public void AnUnchangedProjectReproducesAndLeavesAnAuditTrail()
    {
        var project = ExperimentProject.Create(Experiments);
        var runId = project.TrainRun("weights");
        var before = project.Runs();

        var output = project.Reproduce(runId).Succeeded().Output;

        StringAssert.Contains(output, $"reproduced {runId}");
        StringAssert.Contains(output, "data/numbers.csv  same");
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
        var project = ExperimentProject.Create(Experiments);
        var runId = project.TrainRun("clock");

        var output = project.Reproduce(runId).FailedWith("REPRO0024").Output;
        StringAssert.Contains(output, "No recorded input changed");
        project.Reproduce(runId, "-p:Tolerance=1").Succeeded();
    }

    [TestMethod]
    public void AModelThatIsNotBitIdenticalFailsOnlyWhenExactIsAsked()
    {
        var project = ExperimentProject.Create(Experiments);
        var runId = project.TrainRun("stamped");

        StringAssert.Contains(project.Reproduce(runId).Succeeded().Output, "model differs");
        StringAssert.Contains(project.Reproduce(runId, "-p:ReproExact=true").FailedWith("REPRO0025").Output, "artifacts/model.txt");
    }

    [TestMethod]
    public void ATamperedRecordIsCaughtBeforeAnythingRuns()
    {
        var project = ExperimentProject.Create(Experiments);
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
        var project = ExperimentProject.Create(Experiments);
        var before = project.Runs();
        project.Train("-p:Experiment=crash").FailedWith("REPRO0006");
        project.Reproduce(Path.GetFileName(project.Runs().Except(before).Single())).FailedWith("REPRO0023");
    }

    [TestMethod]
    [DataRow("../../x")]
    [DataRow("20261122-051500-123-3f9a1c/../../x")]
    public void APathIsNotARunId(string runId) =>
        ExperimentProject.Create(Experiments, git: false).Reproduce(runId).FailedWith("REPRO0020");

    [TestMethod]
    public void AnUnknownIdListsTheNearestOnes()
    {
        var project = ExperimentProject.Create(Experiments);
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
        project.DotnetOnCi("build", "-t:Train", "-p:Experiment=weights").Succeeded();

        project.Write("notes.txt", "uncommitted");
        project.DotnetOnCi("build", "-t:Train", "-p:Experiment=weights").FailedWith("REPRO0030");
        project.Dotnet("build", "-t:Train", "-p:Experiment=weights", "-p:ReproStrict=false").Succeeded();
        File.Delete(Path.Combine(project.Directory, "notes.txt"));

        // A new dependency the lock file does not have yet: in strict mode restore refuses to change the lock file.
        var csproj = File.ReadAllText(project.ProjectFile);
        project.Write("Demo.csproj", csproj.Replace("</Project>", """<ItemGroup><PackageReference Include="MathNet.Numerics" Version="5.0.0" /></ItemGroup></Project>"""));
        project.Commit("a dependency the lock file lacks");
        StringAssert.Contains(project.DotnetOnCi("build", "-t:Train", "-p:Experiment=weights").Output, "NU1004");
        project.Write("Demo.csproj", csproj);

        File.Delete(Path.Combine(project.Directory, "packages.lock.json"));
        project.Commit("no lock file");
        project.DotnetOnCi("build", "-t:Train", "-p:Experiment=weights", "-p:RestorePackagesWithLockFile=false").FailedWith("REPRO0031");
    }

    private static JsonElement Record(string runFolder) => ExperimentProject.ReadJson(Path.Combine(runFolder, "run.json"));
}
