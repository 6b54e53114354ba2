using System.Security.Cryptography;
using Repro.Sdk.Tests.Infrastructure;

namespace Repro.Sdk.Tests;

/// <summary>
/// The team's loop through a remote, with real builds: train and push on one machine, commit only the records, then
/// in a fresh clone pull the models and reproduce exactly. Run against each kind of remote by the classes below.
/// </summary>
public abstract class RemoteTests
{
    private const string Experiments = """
            <Experiment Include="weights" Seed="42" Data="data/numbers.csv" />
        """;

    /// <summary>-p:ReproRemote for a new, empty remote.</summary>
    private protected abstract string NewRemote();

    /// <summary>What the remote's client needs from the environment (credentials), besides the feed's.</summary>
    private protected virtual IReadOnlyDictionary<string, string> RemoteEnvironment => new Dictionary<string, string>();

    private protected CommandResult Build(ExperimentProject project, params string[] arguments) =>
        project.Dotnet(new Dictionary<string, string>(project.Feed.Environment).Concat(RemoteEnvironment).ToDictionary(), arguments);

    [TestMethod]
    public void PushThenPullIntoAFreshCloneGivesTheSameModelAndAnExactReproduction()
    {
        var project = ExperimentProject.Create(Experiments);
        // The recommended split: records in git, artifacts in the remote.
        project.Write(".gitignore", "bin/\nobj/\n**/runs/*/artifacts/\n**/runs/.pull/\n", atRepositoryRoot: true);
        project.Commit("artifacts go to the remote");
        var runId = project.TrainRun("weights");
        var model = File.ReadAllBytes(Path.Combine(project.RunsDirectory, runId, "artifacts", "model.txt"));
        var remote = NewRemote();

        var pushed = Build(project, "build", "-t:Push", "-p:ReproRemote=" + remote).Succeeded().Output;
        StringAssert.Contains(pushed, "1 run(s) published");
        StringAssert.Contains(pushed, "already on the remote");
        var again = Build(project, "build", "-t:Push", "-p:ReproRemote=" + remote).Succeeded().Output;
        StringAssert.Contains(again, "0 run(s) published, 1 already there; 0 file(s) pushed (0 B)");
        project.Commit("the run's record");

        var clone = project.Clone();
        var cloneModel = Path.Combine(clone.RunsDirectory, runId, "artifacts", "model.txt");
        Assert.IsTrue(File.Exists(Path.Combine(clone.RunsDirectory, runId, "run.json")), "the record came with git");
        Assert.IsFalse(File.Exists(cloneModel), "the model did not");
        StringAssert.Contains(Build(clone, "build", "-t:Runs").Succeeded().Output, "completed†");
        // Describe reports what it finds: the artifact is elsewhere, and how to bring it.
        var describe = Build(clone, "build", "-t:Describe", "-p:RunId=" + runId).Succeeded().Output;
        StringAssert.Contains(describe, "1 of 1 artifacts are not local");
        StringAssert.Contains(describe, "not local: -t:Pull brings it");
        Assert.IsFalse(File.Exists(cloneModel), "without a remote Describe pulls nothing");

        StringAssert.Contains(Build(clone, "build", "-t:Pull", "-p:ReproRemote=" + remote).Succeeded().Output, "1 file(s)");
        CollectionAssert.AreEqual(model, File.ReadAllBytes(cloneModel));
        Assert.IsFalse(Directory.Exists(Path.Combine(clone.RunsDirectory, ".pull")));
        StringAssert.Contains(Build(clone, "build", "-t:Reproduce", "-p:RunId=" + runId, "-p:ReproExact=true").Succeeded().Output, $"reproduced {runId}");
    }

    [TestMethod]
    public void AnExactReproductionAndRegisterPullWhatTheyNeedAndARefusedBlobNeverLands()
    {
        var project = ExperimentProject.Create(Experiments);
        var runId = project.TrainRun("weights");
        var remote = NewRemote();
        Build(project, "build", "-t:Push", "-p:ReproRemote=" + remote, "-p:RunId=" + runId).Succeeded();
        var model = Path.Combine(project.RunsDirectory, runId, "artifacts", "model.txt");
        var sha = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(model))).ToLowerInvariant();

        File.Delete(model);
        project.Dotnet("build", "-t:Register", "-p:Model=numbers", "-p:RunId=" + runId).FailedWith("REPRO0083");
        Build(project, "build", "-t:Register", "-p:Model=numbers", "-p:RunId=" + runId, "-p:ReproRemote=" + remote).Succeeded();
        Assert.AreEqual(sha, Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(model))).ToLowerInvariant());

        File.Delete(model);
        AlterBlob(remote, sha);
        Build(project, "build", "-t:Reproduce", "-p:RunId=" + runId, "-p:ReproExact=true", "-p:ReproRemote=" + remote).FailedWith("REPRO0082");
        Assert.IsFalse(File.Exists(model), "a blob that is not the recorded file is never written");
    }

    /// <summary>Changes the bytes of a stored blob behind Repro's back.</summary>
    private protected abstract void AlterBlob(string remote, string sha256);
}

[TestClass]
public sealed class FolderRemoteTests : RemoteTests
{
    private protected override string NewRemote() =>
        Directory.CreateDirectory(Path.Combine(PackedSdk.Feed.Root, "remotes", Guid.NewGuid().ToString("N"))).FullName;

    private protected override void AlterBlob(string remote, string sha256) =>
        File.WriteAllText(Path.Combine(remote, sha256[..2], sha256), "not the model");

    [TestMethod]
    public void PushAndPullWithoutARemoteSayHowToNameOne()
    {
        var project = ExperimentProject.Create("""<Experiment Include="weights" Seed="42" Data="data/numbers.csv" />""");
        StringAssert.Contains(project.Dotnet("build", "-t:Push").FailedWith("REPRO0080").Output, "<ReproRemote>");
        project.Dotnet("build", "-t:Pull", "-p:ReproRemote=s3://bucket/models").FailedWith("REPRO0080");
        project.Dotnet("build", "-t:Pull", "-p:ReproRemote=azblob://No_Such/x").FailedWith("REPRO0080");
    }
}
