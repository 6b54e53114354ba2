using System.Diagnostics;
using Repro.Sdk.Tests.Infrastructure;

namespace Repro.Sdk.Tests;

/// <summary>
/// The ways real builds die, with real processes: killed, cancelled with Ctrl+C or SIGTERM, a disk that refuses a
/// file in one experiment, two builds of one project at once. No record is ever corrupted or lost.
/// </summary>
[TestClass]
public sealed class ReliabilityTests
{
    // "wait" logs a metric, says where its process (and a child of its own) are, then waits to be stopped;
    // "ioerror" leaves a file where the build draws its plots, so the run folder refuses them.
    private const string Program = """
        using System.Diagnostics;
        using Repro;

        var run = ExperimentRun.Open(args);
        Console.WriteLine($"training {run.Experiment} with seed {run.Seed}");
        switch (run.Param("Mode", "ok"))
        {
            case "wait":
                run.LogMetric("progress", 0.25);
                using (var child = Process.Start("sleep", "300"))
                {
                    File.WriteAllText(Path.Combine(run.RunDirectory, "pids.txt"), $"{Environment.ProcessId} {child.Id}");
                    child.WaitForExit();
                }

                run.LogMetric("score", 1);
                return 0;
            case "ioerror":
                run.LogMetric("loss", 0.5, step: 0);
                File.WriteAllText(Path.Combine(run.RunDirectory, "plots"), "a file where a folder goes");
                break;
        }

        run.LogMetric("score", run.Seed / 100.0);
        File.WriteAllText(run.ArtifactPath("model.txt"), run.Seed.ToString());
        return 0;
        """;

    private const string Experiments = """
            <Experiment Include="first" Seed="1" />
            <Experiment Include="broken" Seed="2" Mode="ioerror" />
            <Experiment Include="last" Seed="3" />
            <Experiment Include="slow" Seed="4" Mode="wait" />
            <Experiment Include="after" Seed="5" />
        """;

    private static ExperimentProject _project = null!;

    [ClassInitialize]
    public static void CreateProject(TestContext context)
    {
        _project = ExperimentProject.Create(Experiments, program: Program);
        // Built once, so the builds below start their programs within seconds.
        _project.Dotnet("build").Succeeded();
    }

    [TestMethod]
    public void OneExperimentsIoFailureIsItsOwnAndTheOthersStillRun()
    {
        var before = _project.Runs();
        var output = _project.Train("-p:Experiment=\"first broken last\"", "-p:Force=true").FailedWith("REPRO0009").Output;
        var added = _project.Runs().Except(before).Select(Record).ToArray();

        CollectionAssert.AreEquivalent(new[] { "first:completed", "broken:failed", "last:completed" },
            added.Select(r => $"{r.GetProperty("experiment").GetString()}:{r.GetProperty("status").GetString()}").ToArray());
        var broken = added.Single(r => r.GetProperty("experiment").GetString() == "broken");
        Assert.AreEqual("REPRO0009", broken.GetProperty("error").GetProperty("code").GetString());
        StringAssert.Contains(output, "1 of 3 run(s) did not complete:");
        StringAssert.Matches(output, new System.Text.RegularExpressions.Regex(@"broken\s+\d{8}-\d{6}-\d{3}-[0-9a-f]{6}\s+failed\s+REPRO0009"));
    }

    [TestMethod]
    public void StopOnFirstFailureStartsNoRunAfterTheFirstFailure()
    {
        var before = _project.Runs();
        var output = _project.Train("-p:Experiment=\"broken last\"", "-p:Force=true", "-p:StopOnFirstFailure=true").FailedWith("REPRO0009").Output;
        var added = _project.Runs().Except(before).Select(Record).ToArray();

        Assert.HasCount(1, added);
        Assert.AreEqual("broken", added[0].GetProperty("experiment").GetString());
        StringAssert.Contains(output, "1 run(s) not started: -p:StopOnFirstFailure=true stopped at the first failure.");
    }

    [TestMethod]
    public void CtrlCOnTheBuildStopsTheProgramAndItsChildrenAndRecordsTheRunAsCancelled() =>
        // MSBuild's own cancellation: Ctrl+C reaches the build, which cancels the task, which stops the program's tree.
        Cancel(signal: "INT", wholeGroup: false);

    [TestMethod]
    public void SigtermToTheWholeBuildRecordsTheRunAsCancelled() =>
        // As a CI runner stops a job: every process of the group gets the signal at once.
        Cancel(signal: "TERM", wholeGroup: true);

    [TestMethod]
    public void SigtermToTheBuildAloneStillRecordsTheRunAsCancelled() =>
        // The dotnet CLI ends its process at once; the process's exit waits until the run it made is recorded.
        Cancel(signal: "TERM", wholeGroup: false);

    [TestMethod]
    public void SigtermToTheBuildAloneRecordsTheRunAsCancelledFromATaskHostToo() =>
        // Where Train runs in a task host (a worker node's Train, this repository's sample), the orphaned task host
        // notices its build is gone and cancels the run itself.
        Cancel(signal: "TERM", wholeGroup: false, "-p:ReproTaskFactory=TaskHostFactory");

    [TestMethod]
    public void AKilledBuildLeavesAnInterruptedRunThatRunsListsAndPruneRemovesAlone()
    {
        var completed = _project.TrainRun("first", "-p:Force=true");
        string partial;
        using (var build = BackgroundBuild.Start(_project, "build", "-t:Train", "-p:Experiment=slow", "-p:Force=true"))
        {
            partial = WaitForProgram(build).Folder;
            build.Signal("KILL");
            build.WaitForExit(TimeSpan.FromSeconds(30));
        }

        var id = Path.GetFileName(partial)[..^".partial".Length];
        Assert.IsTrue(Directory.Exists(partial), "the unfinished run stays where it was");
        var listing = _project.Dotnet("build", "-t:Runs").Succeeded().Output;
        StringAssert.Contains(listing, "Interrupted runs (REPRO1005): their build is gone");
        StringAssert.Contains(listing, $"{id}.partial");
        Assert.DoesNotContain("warning", listing, "Runs lists an interrupted run; it does not warn about it");

        var pruned = _project.Dotnet("build", "-t:Prune").Succeeded().Output;
        StringAssert.Contains(pruned, "Removed 1 interrupted run(s):");
        StringAssert.Contains(pruned, id);
        Assert.IsFalse(Directory.Exists(partial));
        Assert.IsTrue(File.Exists(Path.Combine(_project.RunsDirectory, completed, "run.json")), "Prune removes interrupted runs only");
        StringAssert.Contains(_project.Dotnet("build", "-t:Prune").Succeeded().Output, "No interrupted runs to remove.");
        Assert.DoesNotContain("REPRO1005", _project.Dotnet("build", "-t:Runs").Succeeded().Output);
    }

    [TestMethod]
    public void TwoTrainsOfOneProjectAtOnceBothSucceedWithTheirOwnRuns()
    {
        var before = _project.Runs();
        using var one = BackgroundBuild.Start(_project, "build", "-t:Train", "-p:Experiment=\"first last\"", "-p:Force=true");
        using var two = BackgroundBuild.Start(_project, "build", "-t:Train", "-p:Experiment=\"first last\"", "-p:Force=true");
        one.WaitForExit().Succeeded();
        two.WaitForExit().Succeeded();

        var added = _project.Runs().Except(before).ToArray();
        Assert.HasCount(4, added, string.Join("\n", added));
        Assert.IsTrue(added.All(f => !f.EndsWith(".partial", StringComparison.Ordinal)));
        foreach (var folder in added)
        {
            var record = Record(folder);
            Assert.AreEqual("completed", record.GetProperty("status").GetString());
            Assert.AreEqual(Path.GetFileName(folder), record.GetProperty("runId").GetString());
        }

        // Every record of both builds is intact: each reproduces.
        _project.Reproduce(Path.GetFileName(added[0])).Succeeded();
    }

    private static void Cancel(string signal, bool wholeGroup, params string[] properties)
    {
        string folder;
        int[] pids;
        CommandResult result;
        using (var build = BackgroundBuild.Start(_project, ["build", "-t:Train", "-p:Experiment=\"first slow after\"", "-p:Force=true", .. properties]))
        {
            (folder, pids) = WaitForProgram(build);
            build.Signal(signal, wholeGroup);
            result = build.WaitForExit(TimeSpan.FromSeconds(45));
        }

        result.FailedWith("REPRO0016");
        var final = folder[..^".partial".Length];
        // After a SIGTERM the dotnet CLI ends the build's process first; a task host finishes the record moments later.
        var inTaskHost = properties.Contains("-p:ReproTaskFactory=TaskHostFactory");
        Assert.IsTrue(inTaskHost || File.Exists(Path.Combine(final, "run.json")), $"the build's process ended before the run was recorded:\n{result.Output}");
        var clock = Stopwatch.StartNew();
        while (signal == "TERM" && !File.Exists(Path.Combine(final, "run.json")) && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            Thread.Sleep(100);
        }

        Assert.IsTrue(Directory.Exists(final), $"the cancelled run is recorded under its id:\n{result.Output}");
        var record = Record(final);
        Assert.AreEqual("cancelled", record.GetProperty("status").GetString());
        Assert.AreEqual("REPRO0016", record.GetProperty("error").GetProperty("code").GetString());
        Assert.AreEqual(0.25, record.GetProperty("metrics").GetProperty("progress").GetDouble(), "what it had logged is kept");
        Assert.IsFalse(File.Exists(Path.Combine(final, "owner.json")));
        foreach (var pid in pids)
        {
            Assert.IsTrue(Exited(pid), $"process {pid} of the program's tree is still running");
        }

        if (signal == "INT")
        {
            // Cancelled by MSBuild, the task ends the build itself, with its summary; after a SIGTERM the dotnet CLI ends it.
            StringAssert.Contains(result.Output, "1 run(s) never started");
        }
        else
        {
            Assert.AreEqual(143, result.ExitCode, "a build stopped by SIGTERM ends as the shell says a SIGTERM ends, never with 0");
        }

        // The next Train works normally.
        _project.TrainRun("first", "-p:Force=true");
    }

    /// <summary>The unfinished folder of the "wait" program once it runs, and its process and child process ids.</summary>
    private static (string Folder, int[] Pids) WaitForProgram(BackgroundBuild build)
    {
        string? pids = null;
        build.WaitUntil(() => (pids = Directory.Exists(_project.RunsDirectory)
            ? Directory.GetFiles(_project.RunsDirectory, "pids.txt", SearchOption.AllDirectories).FirstOrDefault(p => p.Contains(".partial", StringComparison.Ordinal))
            : null) is not null && File.ReadAllText(pids).Contains(' ', StringComparison.Ordinal), "the program to start");
        return (Path.GetDirectoryName(pids!)!, File.ReadAllText(pids!).Split(' ').Select(int.Parse).ToArray());
    }

    private static bool Exited(int pid)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                if (process.HasExited)
                {
                    return true;
                }
            }
            catch (ArgumentException)
            {
                return true;
            }

            Thread.Sleep(100);
        }

        return false;
    }

    private static System.Text.Json.JsonElement Record(string folder) => ExperimentProject.ReadJson(Path.Combine(folder, "run.json"));
}
