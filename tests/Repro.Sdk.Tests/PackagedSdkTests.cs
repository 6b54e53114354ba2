using System.Security.Cryptography;
using System.Text.Json;
using Repro.Sdk.Tests.Infrastructure;

namespace Repro.Sdk.Tests;

/// <summary>The packed SDK trains a project outside this repository, and every stamp matches what git and the files say.</summary>
[TestClass]
public sealed class PackagedSdkTests
{
    private const string Experiments = """
            <Experiment Include="weights" Seed="42" TestSize="0.25" Data="data/numbers.csv" Scale="2" />
            <Experiment Include="other" Seed="7" Data="data/numbers.csv" />
        """;

    private static ExperimentProject _project = null!;
    private static string _output = "";

    public TestContext TestContext { get; set; } = null!;

    /// <summary>The project with a run store of this test's own: the class's two runs stay the only ones in the project's.</summary>
    private ExperimentProject OwnStore => _project.WithStoreOf(TestContext.TestName!);

    [ClassInitialize]
    public static void TrainOnce(TestContext context)
    {
        _project = ExperimentProject.Create(Experiments);
        _output = _project.Train().Succeeded().Output;
    }

    [TestMethod]
    public void EveryExperimentGetsACompletedRunFolder()
    {
        var runs = _project.Runs();
        Assert.HasCount(2, runs);
        foreach (var run in runs)
        {
            foreach (var file in new[] { "config.json", "metrics.json", "run.json", "report.md", "output.log", "artifacts/model.txt" })
            {
                Assert.IsTrue(File.Exists(Path.Combine(run, file)), $"{run} lacks {file}");
            }

            Assert.AreEqual("completed", Record(run).GetProperty("status").GetString());
        }

        Assert.IsEmpty(Directory.GetDirectories(_project.RunsDirectory, "*.partial"));
    }

    [TestMethod]
    public void TrainLeavesTheRunsPageInTheStoreAndReportWritesItWhereAsked()
    {
        var page = Path.Combine(_project.RunsDirectory, "index.html");
        Assert.IsTrue(File.Exists(page), "Train refreshes runs/index.html");
        StringAssert.Contains(_output, "runs page: runs/index.html (2 runs)");
        var html = File.ReadAllText(page);
        foreach (var run in _project.Runs())
        {
            StringAssert.Contains(html, $"\"id\":\"{Path.GetFileName(run)}\"");
        }

        var elsewhere = Path.Combine(_project.Directory, "out", "page.html");
        var output = _project.Dotnet("build", "-t:Report", "-p:ReportFile=out/page.html").Succeeded().Output;
        StringAssert.Contains(output, elsewhere + " (2 runs)");
        var first = Path.GetFileName(_project.Runs()[0]);
        Assert.IsTrue(File.ReadAllText(elsewhere).Contains($"\"folder\":\"../runs/{first}\"", StringComparison.Ordinal), "links to a run's files are relative to the page");
        Assert.IsFalse(Record(_project.Runs()[0]).GetProperty("git").GetProperty("dirty").GetBoolean(), "the page in the run store does not make the tree dirty");

        // A Train told not to leaves no page; the next one, with nothing to train, writes it again.
        File.Delete(page);
        StringAssert.Contains(_project.Train("-p:ReproReport=false").Succeeded().Output, "up to date");
        Assert.IsFalse(File.Exists(page), "-p:ReproReport=false");
        _project.Train().Succeeded();
        Assert.IsTrue(File.Exists(page));
    }

    [TestMethod]
    public void TheToolInstalledAsALocalToolAtTheSdksVersionListsAsRunsDoes()
    {
        // As a user adds it: a tool manifest beside the project, Repro.Tool at the SDK's version from the feed the SDK came from.
        _project.Dotnet("new", "tool-manifest").Succeeded();
        _project.Dotnet("tool", "install", "Repro.Tool", "--version", _project.Feed.Version).Succeeded();
        var tool = _project.Dotnet("repro", "runs").Succeeded().Output;
        ToolTests.AssertSameAnswer(_project.Dotnet("build", "-t:Runs").Succeeded().Output, tool, "dotnet repro runs");
        Assert.DoesNotContain("note:", tool, "the tool and the SDK are one release");
    }

    [TestMethod]
    public void TheManifestMatchesGitAndTheFiles()
    {
        var run = RunOf("weights");
        var record = Record(run);
        Assert.AreEqual(Path.GetFileName(run), record.GetProperty("runId").GetString());
        Assert.AreEqual(42, record.GetProperty("seed").GetInt64());
        Assert.AreEqual(0.25, record.GetProperty("testSize").GetDouble());
        Assert.AreEqual("2", record.GetProperty("params").GetProperty("Scale").GetString());

        var git = record.GetProperty("git");
        Assert.AreEqual(_project.Git("rev-parse", "HEAD"), git.GetProperty("commit").GetString());
        Assert.IsFalse(git.GetProperty("dirty").GetBoolean(), "the run store and bin/obj must not make the tree dirty");
        Assert.AreEqual("main", git.GetProperty("branch").GetString());

        var lockFile = record.GetProperty("lockFile");
        Assert.AreEqual("packages.lock.json", lockFile.GetProperty("path").GetString());
        Assert.AreEqual(Sha256(File.ReadAllText(Path.Combine(_project.Directory, "packages.lock.json")).Replace("\r\n", "\n")),
            lockFile.GetProperty("sha256").GetString());

        var data = record.GetProperty("data").EnumerateArray().Single();
        var dataPath = Path.Combine(_project.Directory, "data", "numbers.csv");
        Assert.AreEqual("data/numbers.csv", data.GetProperty("path").GetString());
        Assert.AreEqual(Sha256(File.ReadAllBytes(dataPath)), data.GetProperty("sha256").GetString());
        Assert.AreEqual(new FileInfo(dataPath).Length, data.GetProperty("bytes").GetInt64());

        var artifact = record.GetProperty("artifacts").EnumerateArray().Single();
        var modelPath = Path.Combine(run, "artifacts", "model.txt");
        Assert.AreEqual("artifacts/model.txt", artifact.GetProperty("path").GetString());
        Assert.AreEqual(Sha256(File.ReadAllBytes(modelPath)), artifact.GetProperty("sha256").GetString());

        // program.sha256 is the SHA-256 of the sha256sum listing of program.files, which hash the output folder's files.
        var program = record.GetProperty("program");
        StringAssert.EndsWith(program.GetProperty("path").GetString(), "Demo.dll");
        var output = Path.GetDirectoryName(Path.Combine(_project.Directory, program.GetProperty("path").GetString()!))!;
        var files = program.GetProperty("files").EnumerateArray().Select(f => (Path: f.GetProperty("path").GetString()!, Sha256: f.GetProperty("sha256").GetString()!)).ToArray();
        CollectionAssert.IsSubsetOf(new[] { "Demo.dll", "Demo.runtimeconfig.json", "Repro.Runtime.dll", "Repro.Learn.dll" }, files.Select(f => f.Path).ToArray());
        CollectionAssert.AreEqual(files.Select(f => f.Path).Order(StringComparer.Ordinal).ToArray(), files.Select(f => f.Path).ToArray());
        foreach (var file in files)
        {
            Assert.AreEqual(Sha256(File.ReadAllBytes(Path.Combine(output, file.Path))), file.Sha256, file.Path);
        }

        Assert.AreEqual(Sha256(string.Concat(files.Select(f => $"{f.Sha256}  {f.Path}\n"))), program.GetProperty("sha256").GetString());

        Assert.AreEqual(Sha256(File.ReadAllBytes(Path.Combine(run, "config.json"))), record.GetProperty("files").GetProperty("config").GetString());
        Assert.AreEqual(Sha256(File.ReadAllBytes(Path.Combine(run, "metrics.json"))), record.GetProperty("files").GetProperty("metrics").GetString());

        var environment = record.GetProperty("environment");
        Assert.AreEqual(Environment.ProcessorCount, environment.GetProperty("processorCount").GetInt32());
        Assert.IsFalse(string.IsNullOrEmpty(environment.GetProperty("sdkVersion").GetString()));
        Assert.AreEqual(Environment.Version.ToString(), environment.GetProperty("runtimeVersion").GetString());
    }

    [TestMethod]
    public void TheSdkReferencesRuntimeAndLearnAtItsOwnVersionAndLocksThem()
    {
        var (references, libraries) = Restored(_project);
        foreach (var package in new[] { "Repro.Runtime", "Repro.Learn" })
        {
            var reference = references[package];
            Assert.IsTrue(reference.TryGetProperty("autoReferenced", out var auto) && auto.GetBoolean(), $"{package} is the SDK's, not the user's");
            Assert.AreEqual($"[{_project.Feed.Version}, )", reference.GetProperty("version").GetString(), package);
            CollectionAssert.Contains(libraries, $"{package}/{_project.Feed.Version}", "restored at the SDK's version");

            var locked = ExperimentProject.ReadJson(Path.Combine(_project.Directory, "packages.lock.json"))
                .GetProperty("dependencies").EnumerateObject().First().Value.GetProperty(package);
            Assert.AreEqual("Direct", locked.GetProperty("type").GetString(), package);
            Assert.AreEqual(_project.Feed.Version, locked.GetProperty("resolved").GetString(), package);
        }

        Assert.IsFalse(references.ContainsKey("Repro.MLNet"), "Repro.MLNet only comes with ML.NET");
        Assert.IsFalse(libraries.Any(l => l.StartsWith("Repro.MLNet/", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void WithoutImplicitReferencesTheProjectReferencesWhatItUsesItself()
    {
        var project = ExperimentProject.Create("""<Experiment Include="weights" Seed="42" Data="data/numbers.csv" />""", projectBody: $"""
              <PropertyGroup><ReproImplicitPackageReferences>false</ReproImplicitPackageReferences></PropertyGroup>
              <ItemGroup><PackageReference Include="Repro.Runtime" Version="{PackedSdk.Feed.Version}" /></ItemGroup>
            """);

        var (references, libraries) = Restored(project);
        Assert.IsFalse(references["Repro.Runtime"].TryGetProperty("autoReferenced", out var auto) && auto.GetBoolean(), "the user's own reference");
        Assert.IsFalse(references.ContainsKey("Repro.Learn"), "no implicit Repro.Learn");
        Assert.IsFalse(libraries.Any(l => l.StartsWith("Repro.Learn/", StringComparison.Ordinal)), string.Join(", ", libraries));

        // The program needs only Repro.Runtime: it trains, and Repro.Learn is not among the files it loads.
        var run = Path.Combine(project.RunsDirectory, project.TrainRun("weights"));
        var files = Record(run).GetProperty("program").GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()).ToArray();
        CollectionAssert.Contains(files, "Repro.Runtime.dll");
        CollectionAssert.DoesNotContain(files, "Repro.Learn.dll");
    }

    [TestMethod]
    public void MetricsAreTheProgramsAndTheReportCarriesTheCommand()
    {
        var run = RunOf("weights");
        var metrics = ExperimentProject.ReadJson(Path.Combine(run, "metrics.json"));
        Assert.AreEqual(5, metrics.GetProperty("rows").GetDouble());
        Assert.AreEqual(metrics.GetProperty("score").GetDouble(), Record(run).GetProperty("metrics").GetProperty("score").GetDouble());

        var command = Record(run).GetProperty("command").GetString()!;
        Assert.AreEqual("dotnet build Demo/Demo.csproj -t:Train -p:Experiment=weights -p:Seed=42 -p:TestSize=0.25 -p:Params=\"Scale=2\"", command);
        StringAssert.Contains(File.ReadAllText(Path.Combine(run, "report.md")), command);
    }

    [TestMethod]
    public void TheSummaryShowsEveryRunWithItsMainMetric()
    {
        StringAssert.Contains(_output, "Demo -> runs/ (2 run(s): 2 completed, 0 failed)");
        foreach (var run in _project.Runs())
        {
            StringAssert.Contains(_output, Path.GetFileName(run));
        }

        StringAssert.Contains(_output, "score=");
        StringAssert.Contains(_output, "[2/2] Training other with seed 7");
    }

    [TestMethod]
    public void TheSameSeedGivesIdenticalMetricsInANewRun()
    {
        var project = OwnStore;
        project.Train("-p:Experiment=weights").Succeeded();
        var added = project.Runs().Single();

        Assert.AreEqual(File.ReadAllText(Path.Combine(RunOf("weights"), "metrics.json")), File.ReadAllText(Path.Combine(added, "metrics.json")));
        Assert.AreEqual(Sha256(File.ReadAllBytes(Path.Combine(RunOf("weights"), "artifacts", "model.txt"))),
            Sha256(File.ReadAllBytes(Path.Combine(added, "artifacts", "model.txt"))));
    }

    [TestMethod]
    public void EachRunRecordsWhereItsTimeWentAndADetailedBuildPrintsIt()
    {
        var project = OwnStore;
        var output = project.Train("-p:Experiment=weights", "-v:d").Succeeded().Output;
        var record = Record(project.Runs().Single());
        var timings = record.GetProperty("timings");
        var phases = new[] { "startMs", "programMs", "plotsMs", "hashingMs", "probeMs" }.Select(p => timings.GetProperty(p).GetInt64()).ToArray();
        Assert.IsTrue(phases.All(ms => ms >= 0), timings.ToString());
        // The program is a process start: it takes time; the phases are laps of one clock, within the run's duration.
        Assert.IsGreaterThan(0L, phases[1], timings.ToString());
        Assert.IsLessThanOrEqualTo(record.GetProperty("durationMs").GetInt64(), phases.Sum(), timings.ToString());
        Assert.AreEqual(4, record.GetProperty("schemaVersion").GetInt32());
        // And what a build does once, whatever the number of runs.
        StringAssert.Matches(output, new System.Text.RegularExpressions.Regex(
            @"planned 1 run\(s\) in \d+ ms: program, lock file and data hashed once in \d+ ms, run cache read in \d+ ms"));
        StringAssert.Matches(output, new System.Text.RegularExpressions.Regex(@"runs page: store read in \d+ ms, written in \d+ ms"));
        StringAssert.Matches(output, new System.Text.RegularExpressions.Regex(
            @"Train took \d+ ms: experiments read \d+, settings and git \d+, runs \d+, summary and page \d+"));
        StringAssert.Contains(output, $"Repro {phases.Sum() - phases[1]} ms (start {phases[0]}, plots {phases[2]}, hashing {phases[3]}, probe {phases[4]}) beside the program's {phases[1]} ms");
    }

    [TestMethod]
    public void OnDotnet10TheTasksLoadCompiledAheadOfTimeSoTheJitLeavesRepro()
    {
        var tools = Path.Combine(_project.Feed.Packages, "repro.sdk", _project.Feed.Version.ToLowerInvariant(), "tools");
        foreach (var assembly in new[] { "Repro.Tasks.dll", "Repro.Core.dll" })
        {
            Assert.IsTrue(ReadyToRun(Path.Combine(tools, "net10.0", assembly)), $"tools/net10.0/{assembly} is compiled ahead of time");
            Assert.IsFalse(ReadyToRun(Path.Combine(tools, "net8.0", assembly)), $"tools/net8.0/{assembly} is IL, for MSBuild on .NET 8 and 9");
        }

        Assert.IsFalse(File.Exists(Path.Combine(tools, "net10.0", "System.Text.Json.dll")), "on .NET 10 the framework's own System.Text.Json is used");
        Assert.IsTrue(File.Exists(Path.Combine(tools, "net8.0", "System.Text.Json.dll")), "on .NET 8 the package's 10.x");

        var detailed = _project.Dotnet("build", "-t:Runs", "-v:d").Succeeded().Output;
        StringAssert.Contains(detailed, Path.Combine(tools, "net10.0", "Repro.Tasks.dll"), "MSBuild on .NET 10 loads tools/net10.0");
        // The runtime refuses an image compiled against another major version and compiles the IL instead; only counting
        // what the JIT compiles shows the ahead-of-time code is used.
        var compiledAheadOfTime = JitCompiledReproMethods();
        var compiledFromIl = JitCompiledReproMethods("-p:ReproTasksAssembly=" + Path.Combine(tools, "net8.0", "Repro.Tasks.dll"));
        Assert.IsGreaterThan(100, compiledFromIl, "the IL's methods are JIT-compiled");
        Assert.IsLessThan(compiledFromIl / 10, compiledAheadOfTime, $"{compiledAheadOfTime} of Repro's methods JIT-compiled, {compiledFromIl} from IL");
    }

    /// <summary>How many of Repro's methods the JIT compiles in a -t:Runs build's own process.</summary>
    private static int JitCompiledReproMethods(params string[] properties)
    {
        var log = Path.Combine(Path.GetTempPath(), $"repro-jit-{Guid.NewGuid():N}.txt");
        var environment = new Dictionary<string, string>(_project.Feed.Environment) { ["DOTNET_JitStdOutFile"] = log, ["DOTNET_JitDisasmSummary"] = "1" };
        _project.Dotnet(environment, ["build", "-t:Runs", "-m:1", "-nodeReuse:false", .. properties]).Succeeded();
        var count = File.ReadLines(log).Count(line => line.Contains(" Repro.", StringComparison.Ordinal));
        File.Delete(log);
        return count;
    }

    private static bool ReadyToRun(string assembly)
    {
        using var reader = new System.Reflection.PortableExecutable.PEReader(File.OpenRead(assembly));
        return reader.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0;
    }

    [TestMethod]
    public void CommandLineOverridesAreRecordedAsSuch()
    {
        var project = OwnStore;
        project.Train("-p:Experiment=weights", "-p:Seed=9", "-p:TestSize=0.5", "-p:Params=\"Scale=3 Note='two words'\"").Succeeded();
        var run = project.Runs().Single();

        var config = ExperimentProject.ReadJson(Path.Combine(run, "config.json"));
        Assert.AreEqual(9, config.GetProperty("seed").GetInt64());
        Assert.AreEqual(0.5, config.GetProperty("testSize").GetDouble());
        Assert.AreEqual("3", config.GetProperty("params").GetProperty("Scale").GetString());
        Assert.AreEqual("two words", config.GetProperty("params").GetProperty("Note").GetString());
        var overrides = config.GetProperty("overrides").EnumerateArray()
            .Select(o => $"{o.GetProperty("name").GetString()}:{o.GetProperty("projectValue")}:{o.GetProperty("value").GetString()}")
            .ToArray();
        CollectionAssert.AreEqual(new[] { "Seed:42:9", "TestSize:0.25:0.5", "Note::two words", "Scale:2:3" }, overrides);
    }

    [TestMethod]
    public void AnUntrackedFileIsStampedDirty()
    {
        var project = OwnStore;
        var untracked = project.Write("notes.txt", "not committed");
        try
        {
            project.Train("-p:Experiment=other").Succeeded();
            var run = project.Runs().Single();
            Assert.IsTrue(Record(run).GetProperty("git").GetProperty("dirty").GetBoolean());
        }
        finally
        {
            File.Delete(untracked);
        }
    }

    private static string RunOf(string experiment) =>
        _project.Runs().Single(r => Record(r).GetProperty("experiment").GetString() == experiment);

    /// <summary>What restore wrote to obj/project.assets.json: the project's package references, and every library it resolved.</summary>
    private static (Dictionary<string, JsonElement> References, string[] Libraries) Restored(ExperimentProject project)
    {
        var assets = ExperimentProject.ReadJson(Path.Combine(project.Directory, "obj", "project.assets.json"));
        var framework = assets.GetProperty("project").GetProperty("frameworks").EnumerateObject().Single().Value;
        var references = framework.GetProperty("dependencies").EnumerateObject().ToDictionary(d => d.Name, d => d.Value);
        return (references, assets.GetProperty("libraries").EnumerateObject().Select(l => l.Name).ToArray());
    }

    private static JsonElement Record(string run) => ExperimentProject.ReadJson(Path.Combine(run, "run.json"));

    private static string Sha256(string text) => Sha256(System.Text.Encoding.UTF8.GetBytes(text));

    private static string Sha256(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();
}
