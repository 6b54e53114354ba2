using Repro.Sdk.Tests.Infrastructure;

namespace Repro.Sdk.Tests;

/// <summary>
/// The packed Repro.Models in an application outside this repository, as a user's would take it: a PackageReference and
/// a ModelReference to a project built with the packed SDK, and RegisteredModel.Load in the application's own process.
/// </summary>
[TestClass]
public sealed class PackedModelsTests
{
    [TestMethod]
    public void AnApplicationReferencingThePackageGetsTheRegisteredModelInItsOutputAndLoadsItVerified()
    {
        var experiment = ExperimentProject.Create("""    <Experiment Include="weights" Seed="42" Data="data/numbers.csv" />""");
        var runId = experiment.TrainRun("weights");
        experiment.Dotnet("build", "-t:Register", "-p:Model=numbers", "-p:RunId=" + runId).Succeeded();
        experiment.Dotnet("build", "-t:Promote", "-p:Model=numbers@1", "-p:Alias=production").Succeeded();

        var application = Directory.CreateDirectory(Path.Combine(experiment.Repository, "App")).FullName;
        File.WriteAllText(Path.Combine(application, "App.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Repro.Models" Version="{experiment.Feed.Version}" />
                <ModelReference Include="numbers@production" Registry="../Demo" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(application, "Program.cs"), """
            using Repro.Models;

            var model = RegisteredModel.Load("numbers@production");
            Console.WriteLine(model);
            using var reader = new StreamReader(model.OpenRead());
            Console.WriteLine("model: " + reader.ReadToEnd());
            """);
        var cache = Path.Combine(experiment.Feed.Root, "model-cache", Guid.NewGuid().ToString("N")[..8]);
        var build = Dotnet.Run(application, experiment.Feed.Environment, "build", "-p:ReproModelCache=" + cache).Succeeded();
        StringAssert.Contains(build.Output, "models.lock.json");

        var locked = ExperimentProject.ReadJson(Path.Combine(application, "models.lock.json")).GetProperty("models")[0];
        Assert.AreEqual(runId, locked.GetProperty("runId").GetString());
        var output = Path.Combine(application, "bin", "Debug", "net10.0");
        var placed = Path.Combine(output, "models", "numbers@1", "model.txt");
        Assert.AreEqual(File.ReadAllText(Path.Combine(experiment.RunsDirectory, runId, "artifacts", "model.txt")), File.ReadAllText(placed));

        // Run from elsewhere, as a deployed application is: everything it needs is in its output.
        var ran = Dotnet.Run(experiment.Feed.Root, null, Path.Combine(output, "App.dll")).Succeeded();
        StringAssert.Contains(ran.Output, $"numbers@production (v1, run {runId}, sha256 {locked.GetProperty("sha256").GetString()![..6]}");
        StringAssert.Contains(ran.Output, "model: " + File.ReadAllText(placed));
    }
}
