using Repro.Sdk.Tests.Infrastructure;

namespace Repro.Sdk.Tests;

/// <summary>
/// Runs, Describe and Compare (without a gate) report what they find and never fail because of it, even where warnings
/// are errors: an interrupted run, a damaged record, a failed run and artifacts that are elsewhere are listed, marked.
/// </summary>
[TestClass]
public sealed class ReadOnlyVerbTests
{
    private const string Experiments = """
            <Experiment Include="weights" Seed="42" Data="data/numbers.csv" />
            <Experiment Include="crash" Seed="1" Mode="crash" />
        """;

    private static ExperimentProject _project = null!;
    private static string _good = null!;
    private static string _damaged = null!;
    private static string _failed = null!;
    private static string _remoteOnly = null!;

    [ClassInitialize]
    public static void TrainWhereWarningsAreErrors(TestContext context)
    {
        _project = ExperimentProject.Create(Experiments, projectBody: """
              <PropertyGroup><MSBuildTreatWarningsAsErrors>true</MSBuildTreatWarningsAsErrors><TreatWarningsAsErrors>true</TreatWarningsAsErrors></PropertyGroup>
            """);
        _good = _project.TrainRun("weights");
        _damaged = _project.TrainRun("weights", "-p:Force=true");
        _remoteOnly = _project.TrainRun("weights", "-p:Force=true");
        var before = _project.Runs();
        _project.Train("-p:Experiment=crash").FailedWith("REPRO0006");
        _failed = Path.GetFileName(_project.Runs().Except(before).Single());

        var metrics = Path.Combine(_project.RunsDirectory, _damaged, "metrics.json");
        File.WriteAllText(metrics, File.ReadAllText(metrics).Replace("\"rows\": 5", "\"rows\": 6"));
        File.Delete(Path.Combine(_project.RunsDirectory, _remoteOnly, "artifacts", "model.txt"));
        // A build killed while it wrote a run: its folder names a process that is long gone.
        var interrupted = Directory.CreateDirectory(Path.Combine(_project.RunsDirectory, "20200101-000000-000-abcdef.partial")).FullName;
        File.WriteAllText(Path.Combine(interrupted, "owner.json"), $$"""{"processId": 2147483000, "processStartedAt": "2020-01-01T00:00:00+00:00", "machine": "{{Environment.MachineName}}"}""");
    }

    [TestMethod]
    public void RunsListsAnInterruptedRunAndADamagedOneAndSucceeds()
    {
        var output = _project.Dotnet("build", "-t:Runs").Succeeded().Output;
        StringAssert.Contains(output, "Interrupted runs (REPRO1005)");
        StringAssert.Contains(output, "20200101-000000-000-abcdef.partial");
        StringAssert.Contains(output, _damaged);
        StringAssert.Contains(output, _failed);
        Assert.DoesNotContain("warning", output);
    }

    [TestMethod]
    public void DescribeSaysWhatIsWrongAndSucceeds()
    {
        StringAssert.Contains(_project.Dotnet("build", "-t:Describe", "-p:RunId=" + _damaged).Succeeded().Output, "NOT intact: the record of run");
        var remoteOnly = _project.Dotnet("build", "-t:Describe", "-p:RunId=" + _remoteOnly).Succeeded().Output;
        StringAssert.Contains(remoteOnly, "1 of 1 artifacts are not local");
        StringAssert.Contains(remoteOnly, "artifacts/model.txt");
        StringAssert.Contains(remoteOnly, "not local: -t:Pull brings it from the remote");
        // A bad name is still a bad request.
        _project.Dotnet("build", "-t:Describe", "-p:RunId=20200101-000000-000-000000").FailedWith("REPRO0021");
    }

    [TestMethod]
    public void CompareShowsADamagedOrFailedSideMarkedAndOnlyTheGateFailsOnIt()
    {
        var damaged = _project.Dotnet("build", "-t:Compare", "-p:RunId=" + _damaged, "-p:Against=" + _good).Succeeded().Output;
        StringAssert.Contains(damaged, "! A: NOT intact: the record of run");
        var failed = _project.Dotnet("build", "-t:Compare", "-p:RunId=" + _failed, "-p:Against=" + _good).Succeeded().Output;
        StringAssert.Contains(failed, $"! A: run {_failed} failed (REPRO0006), so it has no metrics");

        _project.Dotnet("build", "-t:Compare", "-p:RunId=" + _damaged, "-p:Against=" + _good, "-p:MaxRegression=score=1").FailedWith("REPRO0022");
        _project.Dotnet("build", "-t:Compare", "-p:RunId=" + _failed, "-p:Against=" + _good, "-p:MaxRegression=score=1").FailedWith("REPRO0052");
    }
}
