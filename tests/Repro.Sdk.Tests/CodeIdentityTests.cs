using System.Text.Json;
using Repro.Sdk.Tests.Infrastructure;

namespace Repro.Sdk.Tests;

/// <summary>
/// run.json's program is the code that ran, all of it and nothing else: the same for the same code in any checkout,
/// different when a referenced library changes, and Reproduce names what changed.
/// </summary>
[TestClass]
public sealed class CodeIdentityTests
{
    private const string Experiments = """
            <Experiment Include="scaled" Seed="4" />
        """;

    // A library in the same repository, referenced by the program; its source path is compiled into it.
    private const string LibraryProject = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>net$(BundledNETCoreAppTargetFrameworkVersion)</TargetFramework>
          </PropertyGroup>
        </Project>
        """;

    private const string LibrarySource = """
        using System.Runtime.CompilerServices;

        namespace Weights;

        public static class Scale
        {
            private const double Factor = 1.5;

            public static double Value => Factor;

            public static string Source { get; } = Here();

            private static string Here([CallerFilePath] string path = "") => path;
        }
        """;

    private const string ProgramSource = """
        using Repro;

        var run = ExperimentRun.Open(args);
        Console.WriteLine("library source: " + Weights.Scale.Source);
        run.LogMetric("score", Weights.Scale.Value * run.Seed);
        return 0;
        """;

    [TestMethod]
    public void TwoCheckoutsOfOneCommitAtDifferentPathsRecordTheSameProgram()
    {
        var project = CreateWithLibrary();
        var clone = project.Clone();

        var here = ProgramOf(project, project.TrainRun("scaled"));
        var there = ProgramOf(clone, clone.TrainRun("scaled"));

        Assert.AreEqual(here.GetProperty("sha256").GetString(), there.GetProperty("sha256").GetString(), $"{here}\n{there}");
        Assert.AreEqual(here.GetProperty("files").ToString(), there.GetProperty("files").ToString());
        CollectionAssert.IsSubsetOf(new[] { "Demo.dll", "Demo.runtimeconfig.json", "Repro.Learn.dll", "Repro.Runtime.dll", "Weights.dll" }, Paths(here));
        StringAssert.Contains(File.ReadAllText(Path.Combine(clone.Runs()[^1], "output.log")), "library source: /_/Weights/Scale.cs");

        clone.Write("README.md", "Only words changed.\n", atRepositoryRoot: true);
        clone.Commit("a README");
        // The same program is the same run: Train finds it up to date, and a forced run records the same hash.
        StringAssert.Contains(clone.Train("-p:Experiment=scaled").Succeeded().Output, "up to date: scaled");
        var afterReadme = ProgramOf(clone, clone.TrainRun("scaled", "-p:Force=true"));
        Assert.AreEqual(here.GetProperty("sha256").GetString(), afterReadme.GetProperty("sha256").GetString(), "a commit that changes no code changes no program");
    }

    [TestMethod]
    public void AChangedConstantInAReferencedLibraryChangesTheProgramAndReproduceNamesTheLibrary()
    {
        var project = CreateWithLibrary();
        var runId = project.TrainRun("scaled");
        var before = ProgramOf(project, runId);
        project.Write("Weights/Scale.cs", LibrarySource.Replace("Factor = 1.5", "Factor = 2.5"), atRepositoryRoot: true);
        project.Commit("a new factor");

        var after = ProgramOf(project, project.TrainRun("scaled"));

        Assert.AreNotEqual(before.GetProperty("sha256").GetString(), after.GetProperty("sha256").GetString());
        var (beforeFiles, afterFiles) = (Files(before), Files(after));
        CollectionAssert.AreEqual(beforeFiles.Keys.ToArray(), afterFiles.Keys.ToArray());
        CollectionAssert.AreEqual(new[] { "Weights.dll" }, beforeFiles.Where(f => afterFiles[f.Key] != f.Value).Select(f => f.Key).ToArray());
        var output = project.Reproduce(runId).FailedWith("REPRO0024").Output;
        StringAssert.Contains(output, "program changed: sha256");
        StringAssert.Contains(output, "— Weights.dll");
    }

    private static ExperimentProject CreateWithLibrary()
    {
        var project = ExperimentProject.Create(Experiments, git: false, restore: false, program: ProgramSource,
            projectBody: """<ItemGroup><ProjectReference Include="../Weights/Weights.csproj" /></ItemGroup>""");
        project.Write("Weights/Weights.csproj", LibraryProject, atRepositoryRoot: true);
        project.Write("Weights/Scale.cs", LibrarySource, atRepositoryRoot: true);
        project.Dotnet("restore").Succeeded();
        project.Git("init", "-q", "-b", "main");
        project.Commit("experiment and library");
        return project;
    }

    private static JsonElement ProgramOf(ExperimentProject project, string runId) =>
        ExperimentProject.ReadJson(Path.Combine(project.RunsDirectory, runId, "run.json")).GetProperty("program");

    private static string[] Paths(JsonElement program) => Files(program).Keys.ToArray();

    private static SortedDictionary<string, string> Files(JsonElement program) => new(program.GetProperty("files").EnumerateArray()
        .ToDictionary(f => f.GetProperty("path").GetString()!, f => f.GetProperty("sha256").GetString()!), StringComparer.Ordinal);
}
