using System.Text.Json;
using System.Text.RegularExpressions;
using Repro.Sdk.Tests.Infrastructure;

namespace Repro.Sdk.Tests;

/// <summary>
/// What a run records of its environment: the program's processor count, the CPU, the allowlisted runtime settings
/// that were set, and nothing else — a secret in the environment reaches no file and no build output.
/// </summary>
[TestClass]
public sealed class EnvironmentTests
{
    private const string Experiments = """
            <Experiment Include="weights" Seed="42" Data="data/numbers.csv" />
        """;

    [TestMethod]
    public void RuntimeSettingsAreRecordedKeyTheRunAndAChangedOneIsShownByReproduce()
    {
        var project = ExperimentProject.Create(Experiments);
        var settings = new Dictionary<string, string>(project.Feed.Environment)
        {
            ["DOTNET_TieredCompilation"] = "0",
            ["DOTNET_PROCESSOR_COUNT"] = "3",
        };
        var before = project.Runs();
        project.Dotnet(settings, "build", "-t:Train", "-p:Experiment=weights").Succeeded();
        var runId = Path.GetFileName(project.Runs().Except(before).Single());

        var environment = Record(project, runId).GetProperty("environment");
        var recorded = environment.GetProperty("runtimeSettings");
        Assert.AreEqual("0", recorded.GetProperty("DOTNET_TieredCompilation").GetString());
        Assert.AreEqual("3", recorded.GetProperty("DOTNET_PROCESSOR_COUNT").GetString());
        Assert.AreEqual(3, environment.GetProperty("processorCount").GetInt32(), "the count the program saw");
        var runtime = ExperimentProject.ReadJson(Path.Combine(project.RunsDirectory, runId, "runtime.json"));
        Assert.AreEqual(3, runtime.GetProperty("processorCount").GetInt32());
        if (OperatingSystem.IsLinux() && File.ReadAllText("/proc/cpuinfo").Contains("model name"))
        {
            Assert.IsFalse(string.IsNullOrWhiteSpace(environment.GetProperty("cpuModel").GetString()));
        }

        // Reproduce pins the recorded processor count (its own row); the tiering switch is not set now, and the table says so.
        var reproduced = project.Reproduce(runId).Succeeded().Output;
        StringAssert.Contains(reproduced, $"reproduced {runId}");
        StringAssert.Matches(reproduced, new Regex(@"DOTNET_TieredCompilation +changed: 0 → none"));
        StringAssert.Matches(reproduced, new Regex(@"processor count +same"));

        // The setting is part of the run's identity: without it the run is not up to date.
        var trained = project.Train("-p:Experiment=weights").Succeeded().Output;
        StringAssert.Contains(trained, "DOTNET_TieredCompilation");
        StringAssert.Contains(trained, $"changed since run {runId}");
    }

    [TestMethod]
    public void SecretsInTheEnvironmentReachNoFileOfTheRunsOrTheRegistryAndNoBuildOutput()
    {
        var unique = Guid.NewGuid().ToString("N");
        var secrets = new Dictionary<string, string>
        {
            ["AWS_SECRET_ACCESS_KEY"] = "wJalrXUtnFEMI-" + unique,
            ["GITHUB_TOKEN"] = "ghp_" + unique,
            ["AZURE_STORAGE_CONNECTION_STRING"] = "DefaultEndpointsProtocol=https;AccountName=repro;AccountKey=" + unique + "==",
            // A runtime-looking name off the allowlist: no prefix match lets it in.
            ["DOTNET_REPRO_API_TOKEN"] = "dotnet-token-" + unique,
        };
        var canary = "canary" + unique;
        var project = ExperimentProject.Create($"""
                <Experiment Include="weights" Seed="42" Data="data/numbers.csv" Note="{canary}" />
            """);
        var environment = new Dictionary<string, string>(project.Feed.Environment);
        foreach (var (name, value) in secrets)
        {
            environment[name] = value;
        }

        var outputs = new List<string>();
        string Run(params string[] arguments)
        {
            var output = project.Dotnet(environment, arguments).Succeeded().Output;
            outputs.Add(output);
            return output;
        }

        Run("build", "-t:Train", "-p:Experiment=weights");
        var runId = Path.GetFileName(project.Runs().Single());
        Run("build", "-t:Reproduce", "-p:RunId=" + runId);
        Run("build", "-t:Register", "-p:Model=demo", "-p:RunId=" + runId);
        Run("build", "-t:Describe", "-p:Model=demo@1");
        Run("build", "-t:Describe", "-p:RunId=" + runId);
        Run("build", "-t:Runs");
        Run("build", "-t:Train", "-p:Experiment=weights", "-p:Force=true", "-v:detailed");

        var files = Files(Path.Combine(project.Directory, "runs"))
            .Concat(Files(Path.Combine(project.Directory, "registry")))
            .Concat(Files(Path.Combine(project.Directory, "obj", "repro")))
            .ToArray();
        // The search finds what a run does record: the canary parameter is in its config and run.json.
        Assert.IsTrue(files.Any(f => File.ReadAllText(f).Contains(canary)), "the canary parameter should be recorded");
        Assert.IsTrue(files.Any(f => f.Contains("registry")), "Register should have written the registry");
        foreach (var (name, value) in secrets)
        {
            var found = files.Where(f => File.ReadAllText(f).Contains(value)).ToArray();
            Assert.IsEmpty(found, $"{name}'s value was written to {string.Join(", ", found)}");
            Assert.IsFalse(outputs.Any(o => o.Contains(value)), $"{name}'s value was printed by the build");
        }

        Console.WriteLine($"{secrets.Count} secrets planted, {files.Length} files and {outputs.Count} build outputs searched, 0 found");
    }

    private static IEnumerable<string> Files(string directory) =>
        Directory.Exists(directory) ? Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories) : [];

    private static JsonElement Record(ExperimentProject project, string runId) =>
        ExperimentProject.ReadJson(Path.Combine(project.RunsDirectory, runId, "run.json"));
}
