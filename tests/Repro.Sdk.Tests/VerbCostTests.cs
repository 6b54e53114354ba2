using Repro.Sdk.Tests.Infrastructure;

namespace Repro.Sdk.Tests;

/// <summary>
/// Verbs that run nothing build nothing, and Reproduce checks the run it names before it builds: in a fresh clone
/// (runs and registry committed, no bin/ or obj/) they leave no compiled program behind.
/// </summary>
[TestClass]
public sealed class VerbCostTests
{
    private static ExperimentProject _trained = null!;
    private static string _runId = null!;

    /// <summary>One run, committed with the project, as a team that keeps its runs in git has them.</summary>
    [ClassInitialize]
    public static void TrainAndCommit(TestContext context)
    {
        _trained = ExperimentProject.Create("""<Experiment Include="weights" Seed="42" Data="data/numbers.csv" />""");
        _runId = _trained.TrainRun("weights");
        _trained.Commit("a run");
    }

    [TestMethod]
    public void RunsDescribeRegisterPromoteAndApplyParamsBuildNothing()
    {
        var clone = _trained.Clone();

        StringAssert.Contains(clone.Dotnet("build", "-t:Runs").Succeeded().Output, _runId);
        StringAssert.Contains(clone.Dotnet("build", "-t:Describe", "-p:RunId=" + _runId).Succeeded().Output, $"Run {_runId}: weights, completed");
        clone.Dotnet("build", "-t:Register", "-p:RunId=" + _runId, "-p:Model=demo").Succeeded();
        clone.Dotnet("build", "-t:Promote", "-p:Model=demo@1", "-p:Alias=production").Succeeded();
        StringAssert.Contains(clone.Dotnet("build", "-t:Describe", "-p:Model=demo@production").Succeeded().Output, "demo@1 (demo@production)");
        clone.Dotnet("build", "-t:ApplyParams", "-p:Model=demo@production").Succeeded();

        AssertNotBuilt(clone);
    }

    [TestMethod]
    public void ReproduceFailsOnAnUnknownRunBeforeItBuilds()
    {
        var clone = _trained.Clone();
        var typo = _runId[..^1] + (_runId[^1] == '0' ? '1' : '0');

        clone.Reproduce("nope").FailedWith("REPRO0020");
        StringAssert.Contains(clone.Reproduce(typo).FailedWith("REPRO0021").Output, _runId);
        clone.Dotnet("build", "-t:Reproduce", "-p:Model=demo@1").FailedWith("REPRO0042");
        AssertNotBuilt(clone);

        // The same check would see a build: a reproduction of the run builds the program.
        StringAssert.Contains(clone.Reproduce(_runId).Succeeded().Output, $"reproduced {_runId}");
        Assert.IsNotEmpty(Programs(clone), "Reproduce builds the program");
    }

    private static void AssertNotBuilt(ExperimentProject project) =>
        Assert.IsEmpty(Programs(project), "the program was built: " + string.Join(", ", Programs(project)));

    /// <summary>The compiled program wherever the build would put it: bin/ and obj/ of any configuration.</summary>
    private static string[] Programs(ExperimentProject project) =>
        Directory.GetFiles(project.Directory, "Demo.dll", SearchOption.AllDirectories);
}
