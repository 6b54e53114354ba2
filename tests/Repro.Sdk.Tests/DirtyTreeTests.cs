using System.Security.Cryptography;
using System.Text.Json;
using Repro.Sdk.Tests.Infrastructure;

namespace Repro.Sdk.Tests;

/// <summary>A run from a dirty tree keeps its changes and reproduces at its commit; Train says when the tree is dirty and why.</summary>
[TestClass]
public sealed class DirtyTreeTests
{
    private const string Experiments = """
            <Experiment Include="weights" Seed="42" Data="data/numbers.csv" />
        """;

    [TestMethod]
    public void ARunFromUncommittedCodeReproducesExactlyAtItsCommitWithItsPatch()
    {
        var project = ExperimentProject.Create(Experiments);
        var clean = project.TrainRun("weights");
        project.Write("Program.cs", ExperimentProject.ProgramSource.Replace("score *= run.Param(\"Scale\", 1.0);", "score *= 3 * run.Param(\"Scale\", 1.0);"));
        project.Write("data/README.md", "not committed either");

        var before = project.Runs();
        var output = project.Train("-p:Experiment=weights").Succeeded().Output;
        var dirty = Path.GetFileName(project.Runs().Except(before).Single());

        StringAssert.Contains(output, "DIRTY: made from uncommitted changes");
        StringAssert.Contains(output, "Program.cs (modified), data/README.md (new, untracked)");
        var git = Record(project, dirty).GetProperty("git");
        Assert.IsTrue(git.GetProperty("dirty").GetBoolean());
        var patch = File.ReadAllBytes(Path.Combine(project.RunsDirectory, dirty, "source.patch"));
        Assert.AreEqual(Convert.ToHexString(SHA256.HashData(patch)).ToLowerInvariant(), git.GetProperty("patch").GetProperty("sha256").GetString());
        Assert.AreEqual(patch.Length, git.GetProperty("patch").GetProperty("bytes").GetInt64());
        Assert.AreNotEqual(Score(project, clean), Score(project, dirty), "the uncommitted change changes the metric");

        // Strict mode (CI) still refuses to train from the dirty tree.
        project.Train("-p:Experiment=weights", "-p:Force=true", "-p:ReproStrict=true").FailedWith("REPRO0030");

        // Today's code is the commit again: only the patch can give back the dirty run's metric.
        project.Git("checkout", "--", ".");
        File.Delete(Path.Combine(project.Directory, "data/README.md"));
        StringAssert.Contains(project.Reproduce(dirty).FailedWith("REPRO0024").Output, "score");
        before = project.Runs();
        var reproduced = project.Reproduce(dirty, "-p:ReproduceAt=commit", "-p:ReproExact=true").Succeeded().Output;

        StringAssert.Contains(reproduced, "Applied the run's uncommitted changes");
        StringAssert.Contains(reproduced, $"reproduced {dirty}");
        var reproduction = Path.GetFileName(project.Runs().Except(before).Single());
        Assert.AreEqual(Score(project, dirty), Score(project, reproduction));
        Assert.IsTrue(Record(project, reproduction).GetProperty("git").GetProperty("dirty").GetBoolean());
        CollectionAssert.AreEqual(patch, File.ReadAllBytes(Path.Combine(project.RunsDirectory, reproduction, "source.patch")));
        Assert.AreEqual(1, project.Git("worktree", "list").Split('\n').Length, "the temporary worktree is removed");
    }

    [TestMethod]
    public void TheRegistryDoesNotMakeLaterRunsDirty()
    {
        var project = ExperimentProject.Create(Experiments);
        var runId = project.TrainRun("weights");
        project.Dotnet("build", "-t:Register", "-p:Model=numbers", "-p:RunId=" + runId).Succeeded();
        Assert.IsTrue(Directory.Exists(Path.Combine(project.Directory, "registry")));

        var before = project.Runs();
        var output = project.Train("-p:Experiment=weights", "-p:Force=true").Succeeded().Output;

        Assert.IsFalse(Record(project, Path.GetFileName(project.Runs().Except(before).Single())).GetProperty("git").GetProperty("dirty").GetBoolean());
        Assert.IsFalse(output.Contains("DIRTY", StringComparison.Ordinal), output);
    }

    [TestMethod]
    public void TheLockFileTheFirstRestoreMakesIsNamedToCommit()
    {
        var project = ExperimentProject.Create(Experiments, restore: false);

        var output = project.Train("-p:Experiment=weights").Succeeded().Output;

        StringAssert.Contains(output, "packages.lock.json (new, untracked)");
        StringAssert.Contains(output, "packages.lock.json was created by restore and is not committed: commit it (git add packages.lock.json)");
        Assert.IsTrue(Record(project, Path.GetFileName(project.Runs().Single())).GetProperty("git").GetProperty("dirty").GetBoolean());
    }

    private static JsonElement Record(ExperimentProject project, string runId) =>
        ExperimentProject.ReadJson(Path.Combine(project.RunsDirectory, runId, "run.json"));

    private static double Score(ExperimentProject project, string runId) =>
        ExperimentProject.ReadJson(Path.Combine(project.RunsDirectory, runId, "metrics.json")).GetProperty("score").GetDouble();
}
