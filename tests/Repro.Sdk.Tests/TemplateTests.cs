using System.Text.Json;
using Repro.Processes;
using Repro.Sdk.Tests.Infrastructure;

namespace Repro.Sdk.Tests;

/// <summary>
/// 'dotnet new repro-experiment' from the packed Repro.Templates creates an ML.NET project that trains out of the box
/// and whose runs reproduce bit for bit.
/// </summary>
[TestClass]
public sealed class TemplateTests
{
    private static Feed _feed = null!;
    private static string _repository = "";
    private static string _project = "";
    private static string _trainOutput = "";
    private static string[] _trained = [];

    [ClassInitialize]
    public static void CreateAndTrainOnce(TestContext context)
    {
        _feed = PackedSdk.Feed;
        var hive = Path.Combine(_feed.Root, "template-hive");
        var package = Path.Combine(_feed.Path, $"Repro.Templates.{_feed.Version}.nupkg");
        Console.WriteLine($"Installing {Path.GetFileName(package)} into the test's own template hive");
        Dotnet.Run(_feed.Root, _feed.Environment, "new", "install", package, "--debug:custom-hive", hive).Succeeded();

        // As a team would have it: a repository whose nuget.config names the feed, the project created inside it.
        _repository = Directory.CreateDirectory(Path.Combine(_feed.Root, "projects", Guid.NewGuid().ToString("N"))).FullName;
        File.WriteAllText(Path.Combine(_repository, "nuget.config"), _feed.NuGetConfig);
        Git("init", "-q", "-b", "main");
        Console.WriteLine("dotnet new repro-experiment -n MyModel");
        Dotnet.Run(_repository, _feed.Environment, "new", "repro-experiment", "-n", "MyModel", "--debug:custom-hive", hive).Succeeded();
        _project = Path.Combine(_repository, "MyModel");

        Console.WriteLine("Restoring and committing, lock file included");
        Dotnet.Run(_project, _feed.Environment, "restore").Succeeded();
        Git("add", "-A");
        Git("-c", "user.name=Test", "-c", "user.email=test@example.com", "commit", "-q", "-m", "MyModel from the template");

        Console.WriteLine("Training every experiment");
        _trainOutput = Dotnet.Run(_project, _feed.Environment, "build", "-t:Train").Succeeded().Output;
        _trained = Runs();
    }

    [TestMethod]
    public void TheProjectIsOnThePackedSdkAndBringsNoFeeds()
    {
        var projectFile = File.ReadAllText(Path.Combine(_project, "MyModel.csproj"));
        StringAssert.Contains(projectFile, $"""<Project Sdk="Repro.Sdk/{_feed.Version}">""");
        StringAssert.Contains(projectFile, """<PackageReference Include="Microsoft.ML" Version="6.0.0" />""");
        foreach (var file in new[] { "Program.cs", "README.md", ".gitignore", "data/iris.csv", "data/README.md" })
        {
            Assert.IsTrue(File.Exists(Path.Combine(_project, file)), $"the template did not create {file}");
        }

        Assert.IsFalse(File.Exists(Path.Combine(_project, "nuget.config")), "feeds are the team's choice, not the template's");
    }

    [TestMethod]
    public void ReferencingMicrosoftMLBringsReproMLNetAtTheSdksVersion()
    {
        var lockFile = ReadJson(Path.Combine(_project, "packages.lock.json"));
        var dependencies = lockFile.GetProperty("dependencies").EnumerateObject().Single().Value;
        Assert.IsTrue(dependencies.TryGetProperty("Repro.MLNet", out var mlnet), "packages.lock.json has no Repro.MLNet");
        Assert.AreEqual(_feed.Version, mlnet.GetProperty("resolved").GetString());
    }

    [TestMethod]
    public void EveryExperimentTrainsToACompletedCleanRun()
    {
        var runs = _trained;
        Assert.HasCount(2, runs);
        StringAssert.Contains(_trainOutput, "MyModel -> runs/ (2 run(s): 2 completed, 0 failed)");
        var commit = Git("rev-parse", "HEAD");
        foreach (var run in runs)
        {
            var record = ReadJson(Path.Combine(run, "run.json"));
            Assert.AreEqual("completed", record.GetProperty("status").GetString(), File.ReadAllText(Path.Combine(run, "output.log")));
            Assert.AreEqual(commit, record.GetProperty("git").GetProperty("commit").GetString());
            Assert.IsFalse(record.GetProperty("git").GetProperty("dirty").GetBoolean(), "a freshly committed project must train clean");
            Assert.AreEqual("data/iris.csv", record.GetProperty("data").EnumerateArray().Single().GetProperty("path").GetString());

            var metrics = ReadJson(Path.Combine(run, "metrics.json"));
            var accuracy = metrics.GetProperty("micro_accuracy").GetDouble();
            Assert.IsTrue(accuracy is > 0.8 and <= 1, $"{Path.GetFileName(run)}: micro_accuracy {accuracy}");
            Assert.IsTrue(metrics.GetProperty("log_loss").GetDouble() > 0);
            Assert.IsTrue(new FileInfo(Path.Combine(run, "artifacts", "model.zip")).Length > 0);
        }
    }

    [TestMethod]
    public void ARunReproducesWithTheSameMetricsAndTheSameModelBytes()
    {
        var runId = Path.GetFileName(RunOf("lbfgs"));
        var before = Runs();

        Console.WriteLine($"Reproducing {runId}");
        var output = Dotnet.Run(_project, _feed.Environment, "build", "-t:Reproduce", "-p:RunId=" + runId, "-p:ReproExact=true")
            .Succeeded().Output;

        StringAssert.Contains(output, "Model: bit-identical");
        var reproduction = ReadJson(Path.Combine(Runs().Except(before).Single(), "run.json"));
        Assert.AreEqual(runId, reproduction.GetProperty("reproductionOf").GetString());
        Assert.AreEqual("reproduced", reproduction.GetProperty("verdict").GetProperty("status").GetString());
        Assert.IsTrue(reproduction.GetProperty("verdict").GetProperty("modelIdentical").GetBoolean());
    }

    private static string[] Runs() =>
        Directory.GetDirectories(Path.Combine(_project, "runs")).Where(f => Path.GetFileName(f) is not ['.', ..]).Order(StringComparer.Ordinal).ToArray();

    private static string RunOf(string experiment) =>
        _trained.Single(run => ReadJson(Path.Combine(run, "run.json")).GetProperty("experiment").GetString() == experiment);

    private static JsonElement ReadJson(string path) => ExperimentProject.ReadJson(path);

    private static string Git(params string[] arguments)
    {
        var result = ChildProcess.Run("git", arguments, _repository, TimeSpan.FromSeconds(30));
        Assert.AreEqual(0, result.ExitCode, result.StandardError);
        return result.StandardOutput.Trim();
    }
}
