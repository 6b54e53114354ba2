using Repro.Sdk.Tests.Infrastructure;

namespace Repro.Sdk.Tests;

/// <summary>Every bad input fails the build with its own REPRO code at the project file, and no record is lost.</summary>
[TestClass]
public sealed class BadInputTests
{
    private const string Experiments = """
            <Experiment Include="good" Seed="1" Data="data/numbers.csv" />
            <Experiment Include="crash" Seed="1" Mode="crash" />
            <Experiment Include="silent" Seed="1" Mode="nometrics" />
            <Experiment Include="words" Seed="1" Mode="badmetrics" />
        """;

    private static ExperimentProject _project = null!;

    [ClassInitialize]
    public static void CreateProject(TestContext context) => _project = ExperimentProject.Create(Experiments);

    [TestMethod]
    public void AProgramThatFailsShowsItsLastOutputAndItsRunIsKeptAsFailed()
    {
        var output = TrainNewRun("crash", out var run).FailedWith("REPRO0006").Output;
        StringAssert.Contains(output, "about to fail: the data is upside down");
        StringAssert.Contains(output, "exited with code 3");
        AssertFailedRun(run, "REPRO0006");
    }

    [TestMethod]
    public void AProgramThatWritesNoMetricsFails()
    {
        TrainNewRun("silent", out var run).FailedWith("REPRO0007");
        AssertFailedRun(run, "REPRO0007");
    }

    [TestMethod]
    public void MetricsThatAreNotNumbersFail()
    {
        TrainNewRun("words", out var run).FailedWith("REPRO0008");
        AssertFailedRun(run, "REPRO0008");
    }

    [TestMethod]
    public void AFailedExperimentDoesNotStopTheOthers()
    {
        var before = _project.Runs();
        _project.Train("-p:Experiment=\"crash good\"").FailedWith("REPRO0006");
        var added = _project.Runs().Except(before).Select(RunStatus).Order().ToArray();
        CollectionAssert.AreEqual(new[] { "completed", "failed" }, added);
    }

    [TestMethod]
    public void AnUnknownExperimentNamesTheKnownOnes() =>
        StringAssert.Contains(_project.Train("-p:Experiment=nope").FailedWith("REPRO0002").Output, "good, crash, silent, words");

    [TestMethod]
    public void ASeedOverrideThatIsNotAWholeNumberFails() =>
        _project.Train("-p:Experiment=good", "-p:Seed=abc").FailedWith("REPRO0003");

    [TestMethod]
    public void ATestSizeOutsideZeroToOneFails() =>
        _project.Train("-p:Experiment=good", "-p:TestSize=1.5").FailedWith("REPRO0004");

    [TestMethod]
    public void UnreadableParamsFail() =>
        _project.Train("-p:Experiment=good", "-p:Params=Trees").FailedWith("REPRO0010");

    [TestMethod]
    public void AnUnwritableRunStoreFails()
    {
        var file = _project.Write("obj/not-a-folder", "x");
        _project.Train("-p:Experiment=good", $"-p:ReproRunsDir={file}/runs").FailedWith("REPRO0009");
    }

    [TestMethod]
    public void ErrorsPointAtTheProjectFile() =>
        StringAssert.Contains(_project.Train("-p:Experiment=nope").Output, _project.ProjectFile + " : error REPRO0002:");

    [TestMethod]
    public void ErrorsAboutAnItemPointAtItsLineAndColumnInTheFileThatDeclaresIt()
    {
        var project = ExperimentProject.Create("""
                <Experiment Include="a" Seed="1" Data="data/numbers.csv" />
                <Experiment Include="b" Seed="x" Data="data/numbers.csv" />
                <Experiment Include="no-seed" Data="data/numbers.csv" />
                <Experiment Include="no-data" Seed="1" Data="data/missing.csv" />
            """, git: false, projectBody: """<Import Project="more.props" Condition="Exists('more.props')" />""");
        var imported = project.Write("more.props", """
            <Project>
              <ItemGroup>
                <Experiment Include="A" Seed="2" />
                <Experiment Include="c" Seed="1" ProcessorCount="0" />
              </ItemGroup>
            </Project>
            """);

        var output = project.Train().FailedWith("REPRO0003").Output;
        StringAssert.Contains(output, $"{project.ProjectFile}{At(project.ProjectFile, "Include=\"b\"")}: error REPRO0003:");
        StringAssert.Contains(output, $"{imported}{At(imported, "Include=\"A\"")}: error REPRO0011:");
        StringAssert.Contains(output, $"{imported}{At(imported, "Include=\"c\"")}: error REPRO0013:");
        // One build names every problem: a missing seed, data that does not exist.
        StringAssert.Contains(output, $"{project.ProjectFile}{At(project.ProjectFile, "Include=\"no-seed\"")}: error REPRO0003:");
        StringAssert.Contains(output, $"{project.ProjectFile}{At(project.ProjectFile, "Include=\"no-data\"")}: error REPRO0005:");
        StringAssert.Contains(output, "data/missing.csv");
    }

    [TestMethod]
    public void AProcessorCountOnTheCommandLineThatIsNotACountFails() =>
        StringAssert.Contains(_project.Train("-p:Experiment=good", "-p:ReproProcessorCount=0").FailedWith("REPRO0013").Output, "ReproProcessorCount");

    [TestMethod]
    public void EveryVerbThatNeedsARunGivenNoneSaysSoWithOneCode()
    {
        foreach (var verb in new[] { "Reproduce", "Register", "Describe", "ApplyParams" })
        {
            // Register's -p:Model is the model to register as, not a way to name the run.
            string[] arguments = verb == "Register" ? ["build", "-t:Register", "-p:Model=demo-model"] : ["build", "-t:" + verb];
            var output = _project.Dotnet(arguments).FailedWith("REPRO0020").Output;
            StringAssert.Contains(output, "-p:RunId=<id>", verb);
            Assert.AreEqual(verb != "Register", output.Contains("-p:Model=iris-classifier@3", StringComparison.Ordinal),
                $"{verb} names the other way to name a run exactly when it takes one");
        }
    }

    [TestMethod]
    public void AProgramThatThrowsAnExperimentExceptionShowsItsCodeAndMessageWithoutAStackTrace()
    {
        var project = ExperimentProject.Create("""<Experiment Include="a" Seed="1" />""", git: false, program: """
            using Repro;

            var run = ExperimentRun.Open(args);
            Console.WriteLine("reading the parameters");
            var trees = run.Param<int>("Trees");
            run.LogMetric("trees", trees);
            """);

        var output = project.Train().FailedWith("REPRO0006").Output;
        StringAssert.Contains(output, "error REPRO2001:");
        StringAssert.Contains(output, "Trees");
        StringAssert.Contains(output, "exited with code 2");
        Assert.DoesNotContain("Unhandled exception", output);
        Assert.DoesNotContain("   at ", output, "no stack trace");
    }

    [TestMethod]
    public void AProjectWithoutExperimentsFailsBeforeBuilding() =>
        ExperimentProject.Create("", git: false).Train().FailedWith("REPRO0001");

    [TestMethod]
    public void OutsideGitAndWithoutALockFileTheRunWarnsAndRecordsNeither()
    {
        var project = ExperimentProject.Create("""<Experiment Include="a" Seed="1" Data="data/numbers.csv" />""", git: false, restore: false);
        project.Write("Directory.Build.props", "<Project><PropertyGroup><RestorePackagesWithLockFile>false</RestorePackagesWithLockFile></PropertyGroup></Project>");
        var output = project.Train().Succeeded().Output;
        StringAssert.Contains(output, "warning REPRO1002:");
        StringAssert.Contains(output, "not inside a git repository");
        StringAssert.Contains(output, "warning REPRO1001:");
        var record = ExperimentProject.ReadJson(Path.Combine(project.Runs().Single(), "run.json"));
        Assert.AreEqual(System.Text.Json.JsonValueKind.Null, record.GetProperty("git").GetProperty("commit").ValueKind);
        Assert.AreEqual(System.Text.Json.JsonValueKind.Null, record.GetProperty("git").GetProperty("dirty").ValueKind);
        Assert.AreEqual(System.Text.Json.JsonValueKind.Null, record.GetProperty("lockFile").ValueKind);
    }

    /// <summary>"(line,column)" of the element on the line that holds <paramref name="marker"/>: where its '&lt;' is, 1-based.</summary>
    private static string At(string file, string marker)
    {
        var lines = File.ReadAllLines(file);
        var index = Array.FindIndex(lines, line => line.Contains(marker, StringComparison.Ordinal));
        Assert.IsGreaterThanOrEqualTo(0, index, marker);
        return $"({index + 1},{lines[index].IndexOf('<', StringComparison.Ordinal) + 1})";
    }

    private static CommandResult TrainNewRun(string experiment, out string run)
    {
        var before = _project.Runs();
        var result = _project.Train("-p:Experiment=" + experiment);
        run = _project.Runs().Except(before).Single();
        return result;
    }

    private static void AssertFailedRun(string run, string code)
    {
        Assert.AreEqual("failed", RunStatus(run));
        var record = ExperimentProject.ReadJson(Path.Combine(run, "run.json"));
        Assert.AreEqual(code, record.GetProperty("error").GetProperty("code").GetString());
        Assert.IsTrue(File.Exists(Path.Combine(run, "config.json")));
        Assert.IsTrue(File.Exists(Path.Combine(run, "output.log")));
    }

    private static string RunStatus(string run) =>
        ExperimentProject.ReadJson(Path.Combine(run, "run.json")).GetProperty("status").GetString()!;
}
