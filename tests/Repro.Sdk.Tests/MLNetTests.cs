using System.Globalization;
using System.Text;
using Repro.Sdk.Tests.Infrastructure;

namespace Repro.Sdk.Tests;

/// <summary>
/// ML.NET under the packed SDK, in a project outside this repository that references only Microsoft.ML: Repro.MLNet
/// arrives implicitly, the processor count is pinned and recorded, and runs reproduce bit for bit whatever count the
/// machine reports (DOTNET_PROCESSOR_COUNT simulates one).
/// </summary>
[TestClass]
public sealed class MLNetTests
{
    /// <summary>The ML.NET the project references, and Repro.MLNet's implicit reference follows.</summary>
    private const string MLNetVersion = "6.0.0";

    /// <summary>The oldest ML.NET Repro.MLNet supports: the library test uses it, so both majors are trained here.</summary>
    private const string OldestMLNetVersion = "5.0.1";

    private const string MicrosoftML = $"""
          <ItemGroup>
            <PackageReference Include="Microsoft.ML" Version="{MLNetVersion}" />
          </ItemGroup>
        """;

    // Regression on a synthetic count-valued target: SDCA (threads race above one processor) and L-BFGS Poisson
    // (repeatable at a fixed count, different between counts).
    private const string Program = """
        using Microsoft.ML;
        using Microsoft.ML.Data;
        using Repro;
        using Repro.MLNet;

        var run = ExperimentRun.Open(args);
        var ml = run.CreateMLContext();
        var names = Enumerable.Range(0, 8).Select(i => "f" + i).ToArray();
        var columns = names.Select((name, i) => new TextLoader.Column(name, DataKind.Single, i))
            .Append(new TextLoader.Column("Label", DataKind.Single, names.Length)).ToArray();
        var data = ml.Data.LoadFromTextFile(run.DataPath, columns, separatorChar: ',', hasHeader: true);
        var split = run.TrainTestSplit(ml, data);
        IEstimator<ITransformer> trainer = run.Param<string>("Trainer") switch
        {
            "sdca" => ml.Regression.Trainers.Sdca(),
            "sdca-options" => ml.Regression.Trainers.Sdca(run.Options(new Microsoft.ML.Trainers.SdcaRegressionTrainer.Options { L2Regularization = run.Param("L2", 0.1f) })),
            "lbfgs" => ml.Regression.Trainers.LbfgsPoissonRegression(),
            var other => throw new ExperimentException("REPRO2002", "unknown trainer " + other),
        };
        IEstimator<ITransformer> features = ml.Transforms.Concatenate("Features", names).Append(ml.Transforms.NormalizeMinMax("Features"));
        if (run.Param("Center", false))
        {
            features = features.Append(ml.Transforms.NormalizeMeanVariance("Features"));
        }

        var model = features.Append(trainer).Fit(split.TrainSet);
        run.LogMetrics(ml.Regression.Evaluate(model.Transform(split.TestSet)));
        run.SaveModel(ml, model, data.Schema, "model.zip");
        Console.WriteLine($"processors {Environment.ProcessorCount}");
        """;

    // The same program as a user without Repro.MLNet writes it: a seeded context and ML.NET's own Model.Save.
    private const string PlainProgram = """
        using Microsoft.ML;
        using Microsoft.ML.Data;
        using Repro;

        var run = ExperimentRun.Open(args);
        var ml = new MLContext(seed: (int)run.Seed);
        var names = Enumerable.Range(0, 8).Select(i => "f" + i).ToArray();
        var columns = names.Select((name, i) => new TextLoader.Column(name, DataKind.Single, i))
            .Append(new TextLoader.Column("Label", DataKind.Single, names.Length)).ToArray();
        var data = ml.Data.LoadFromTextFile(run.DataPath, columns, separatorChar: ',', hasHeader: true);
        var split = ml.Data.TrainTestSplit(data, testFraction: run.TestSize, seed: (int)run.Seed);
        var model = ml.Transforms.Concatenate("Features", names).Append(ml.Regression.Trainers.Sdca()).Fit(split.TrainSet);
        var metrics = ml.Regression.Evaluate(model.Transform(split.TestSet));
        run.LogMetric("r_squared", metrics.RSquared);
        run.LogMetric("rmse", metrics.RootMeanSquaredError);
        ml.Model.Save(model, data.Schema, run.ArtifactPath("model.zip"));
        """;

    private static ExperimentProject _project = null!;

    [ClassInitialize]
    public static void CreateProject(TestContext context)
    {
        Console.WriteLine("MLNetTests: writing and restoring an ML.NET project against the packed SDK…");
        _project = ExperimentProject.Create("""
                <Experiment Include="sdca" Seed="42" TestSize="0.25" Data="data/counts.csv" Trainer="sdca" />
                <Experiment Include="lbfgs" Seed="42" TestSize="0.25" Data="data/counts.csv" Trainer="lbfgs" ProcessorCount="16" />
                <Experiment Include="shaped" Seed="42" TestSize="0.25" Data="data/counts.csv" Trainer="sdca-options" L2="0.1" Center="false" />
            """, git: false, program: Program, projectBody: MicrosoftML);
        _project.Write("data/counts.csv", CountData());
        _project.Git("init", "-q", "-b", "main");
        _project.Commit("ML.NET experiment");
    }

    [TestMethod]
    public void RepoMLNetIsReferencedImplicitly()
    {
        var lockFile = File.ReadAllText(Path.Combine(_project.Directory, "packages.lock.json"));
        StringAssert.Contains(lockFile, "\"Repro.MLNet\"");
        StringAssert.Contains(lockFile, "\"Microsoft.ML\"");
    }

    [TestMethod]
    public void SdcaWithTheDefaultPinTrainsTheSameTwiceOnASixteenCoreMachineAndReproducesExactly()
    {
        Console.WriteLine("MLNetTests: SDCA twice at a simulated 16 cores…");
        var first = TrainUnder("sdca", processors: 16);
        var second = TrainUnder("sdca", processors: 16, "-p:Force=true");

        foreach (var run in new[] { first, second })
        {
            var runtime = ExperimentProject.ReadJson(Path.Combine(run, "runtime.json"));
            Assert.AreEqual(1, runtime.GetProperty("processorCount").GetInt32(), "an ML.NET project runs at one processor unless it says otherwise");
            var environment = Record(run).GetProperty("environment");
            Assert.AreEqual(1, environment.GetProperty("processorCount").GetInt32());
            Assert.AreEqual(16, environment.GetProperty("hostProcessorCount").GetInt32());
            Assert.AreEqual("1", environment.GetProperty("ompNumThreads").GetString());
        }

        Assert.AreEqual(File.ReadAllText(Path.Combine(first, "metrics.json")), File.ReadAllText(Path.Combine(second, "metrics.json")));
        CollectionAssert.AreEqual(File.ReadAllBytes(Path.Combine(first, "artifacts/model.zip")), File.ReadAllBytes(Path.Combine(second, "artifacts/model.zip")),
            "SaveModel writes the same model as the same bytes");
        foreach (var metric in new[] { "r_squared", "rmse", "mae", "mse", "loss" })
        {
            Assert.IsTrue(Record(first).GetProperty("metrics").TryGetProperty(metric, out _), $"LogMetrics logs {metric}");
        }

        Console.WriteLine("MLNetTests: reproducing SDCA with -p:ReproExact=true…");
        var output = _project.Reproduce(Path.GetFileName(first), "-p:ReproExact=true").Succeeded().Output;
        StringAssert.Contains(output, "model bit-identical");
    }

    [TestMethod]
    public void CompareNamesATrainerOptionThatChangedAndAPipelineStepAdded()
    {
        Console.WriteLine("MLNetTests: an SDCA option changed and a normalizer added, through Compare…");
        var a = Path.GetFileName(TrainUnder("shaped", processors: 2));
        var b = Path.GetFileName(TrainUnder("shaped", processors: 2, "-p:Params=\"L2=0.01 Center=true\""));

        var trainers = Record(Path.Combine(_project.RunsDirectory, a)).GetProperty("trainers").GetProperty("SdcaRegression");
        Assert.AreEqual("0.1", trainers.GetProperty("L2Regularization").GetString());
        Assert.IsTrue(trainers.TryGetProperty("MaximumNumberOfIterations", out _), "a default is recorded too");
        var output = _project.Dotnet("build", "-t:Compare", "-p:RunId=" + a, "-p:Against=" + b).Succeeded().Output;
        StringAssert.Contains(output, "trainer SdcaRegression: L2Regularization 0.1 → 0.01");
        StringAssert.Contains(output, "pipeline: + Normalizing(Features)");
    }

    [TestMethod]
    public void LbfgsPinnedToSixteenReproducesExactlyUnderAnotherCount()
    {
        Console.WriteLine("MLNetTests: L-BFGS at ProcessorCount=16 on a simulated 2-core machine…");
        var run = TrainUnder("lbfgs", processors: 2);
        var environment = Record(run).GetProperty("environment");
        Assert.AreEqual(16, environment.GetProperty("processorCount").GetInt32());
        Assert.AreEqual(2, environment.GetProperty("hostProcessorCount").GetInt32());
        StringAssert.Contains(File.ReadAllText(Path.Combine(run, "output.log")), "processors 16");

        Console.WriteLine("MLNetTests: reproducing it on a simulated 1-core machine…");
        var output = _project.Dotnet(Environment(1), "build", "-t:Reproduce", "-p:RunId=" + Path.GetFileName(run), "-p:ReproExact=true").Succeeded().Output;
        StringAssert.Matches(output, new System.Text.RegularExpressions.Regex(@"processor count\s+same: 16\n"), "a pinned input shows its value");
        var reproduction = _project.Runs().Last();
        Assert.AreEqual(16, Record(reproduction).GetProperty("environment").GetProperty("processorCount").GetInt32());
        Assert.AreEqual(1, Record(reproduction).GetProperty("environment").GetProperty("hostProcessorCount").GetInt32());
    }

    [TestMethod]
    public void WithoutReproMLNetAModelSavedByModelSaveReproducesAsTheSameModel()
    {
        Console.WriteLine("MLNetTests: a project with -p:ReproMLNet=false and plain Model.Save…");
        var plain = ExperimentProject.Create("""
                <Experiment Include="plain" Seed="7" TestSize="0.25" Data="data/counts.csv" />
            """, git: false, restore: false, program: PlainProgram, projectBody: MicrosoftML);
        plain.Write("data/counts.csv", CountData());
        plain.Dotnet("restore", "-p:ReproMLNet=false").Succeeded();
        Assert.IsFalse(File.ReadAllText(Path.Combine(plain.Directory, "packages.lock.json")).Contains("Repro.MLNet", StringComparison.Ordinal),
            "-p:ReproMLNet=false keeps Repro.MLNet out");
        plain.Git("init", "-q", "-b", "main");
        plain.Commit("plain ML.NET");

        var before = plain.Runs();
        plain.Train("-p:ReproMLNet=false").Succeeded();
        var run = plain.Runs().Except(before).Single();
        Assert.IsFalse(File.Exists(Path.Combine(plain.Directory, "bin/Debug/net10.0/Repro.MLNet.dll")));

        // ZIP timestamps have a two-second grain: wait so the reproduction's Model.Save writes other bytes.
        Thread.Sleep(TimeSpan.FromSeconds(2.5));
        var output = plain.Reproduce(Path.GetFileName(run), "-p:ReproMLNet=false", "-p:ReproExact=true").Succeeded().Output;
        var reproduction = plain.Runs().Last();
        Assert.AreNotEqual(Sha256(Path.Combine(run, "artifacts/model.zip")), Sha256(Path.Combine(reproduction, "artifacts/model.zip")),
            "Model.Save stamps entries with the time of saving, so the files differ in bytes");
        StringAssert.Contains(output, "the same entries, only ZIP metadata such as timestamps differs");
        StringAssert.Contains(output, "model identical");
    }

    [TestMethod]
    public void SdcaInAReferencedLibraryIsPinnedAndTrainsTheSameTwiceOnASixteenCoreMachine()
    {
        Console.WriteLine("MLNetTests: SDCA in a library the program references, twice at a simulated 16 cores…");
        // The program references neither ML.NET nor Repro.MLNet: both reach it through the library, as in a service's layout.
        var project = ExperimentProject.Create("""<Experiment Include="library-sdca" Seed="42" TestSize="0.25" Data="data/counts.csv" />""",
            git: false, restore: false, program: "Pipeline.Sdca.Train(Repro.ExperimentRun.Open(args));",
            projectBody: """<ItemGroup><ProjectReference Include="../Pipeline/Pipeline.csproj" /></ItemGroup>""");
        project.Write("Pipeline/Pipeline.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable><ImplicitUsings>enable</ImplicitUsings></PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Microsoft.ML" Version="{OldestMLNetVersion}" />
                <PackageReference Include="Repro.MLNet" Version="{project.Feed.Version}" />
              </ItemGroup>
            </Project>
            """, atRepositoryRoot: true);
        project.Write("Pipeline/Sdca.cs", LibrarySource, atRepositoryRoot: true);
        project.Write("data/counts.csv", CountData());
        project.Restore();
        project.Git("init", "-q", "-b", "main");
        project.Commit("an experiment whose pipeline is a library");

        var runs = new[] { 1, 2 }.Select(_ =>
        {
            var before = project.Runs();
            project.Dotnet(new Dictionary<string, string>(project.Feed.Environment) { ["DOTNET_PROCESSOR_COUNT"] = "16" },
                "build", "-t:Train", "-p:Force=true").Succeeded();
            return project.Runs().Except(before).Single();
        }).ToArray();

        var environment = Record(runs[0]).GetProperty("environment");
        Assert.AreEqual(1, environment.GetProperty("processorCount").GetInt32(), "ML.NET found through the library pins the count");
        Assert.AreEqual(16, environment.GetProperty("hostProcessorCount").GetInt32());
        StringAssert.Contains(environment.GetProperty("processorCountPinnedBy").GetString(), $"ML.NET {OldestMLNetVersion} (through project Pipeline) found");
        Assert.AreEqual(File.ReadAllText(Path.Combine(runs[0], "metrics.json")), File.ReadAllText(Path.Combine(runs[1], "metrics.json")));
        CollectionAssert.AreEqual(File.ReadAllBytes(Path.Combine(runs[0], "artifacts/model.zip")), File.ReadAllBytes(Path.Combine(runs[1], "artifacts/model.zip")));
    }

    private const string LibrarySource = """
        using Microsoft.ML;
        using Microsoft.ML.Data;
        using Repro;
        using Repro.MLNet;

        namespace Pipeline;

        public static class Sdca
        {
            public static void Train(ExperimentRun run)
            {
                var ml = run.CreateMLContext();
                var names = Enumerable.Range(0, 8).Select(i => "f" + i).ToArray();
                var columns = names.Select((name, i) => new TextLoader.Column(name, DataKind.Single, i))
                    .Append(new TextLoader.Column("Label", DataKind.Single, names.Length)).ToArray();
                var data = ml.Data.LoadFromTextFile(run.DataPath, columns, separatorChar: ',', hasHeader: true);
                var split = run.TrainTestSplit(ml, data);
                var model = ml.Transforms.Concatenate("Features", names).Append(ml.Transforms.NormalizeMinMax("Features"))
                    .Append(ml.Regression.Trainers.Sdca()).Fit(split.TrainSet);
                run.LogMetrics(ml.Regression.Evaluate(model.Transform(split.TestSet)));
                run.SaveModel(ml, model, data.Schema, "model.zip");
            }
        }
        """;

    private static string TrainUnder(string experiment, int processors, params string[] properties)
    {
        var before = _project.Runs();
        _project.Dotnet(Environment(processors), ["build", "-t:Train", "-p:Experiment=" + experiment, .. properties]).Succeeded();
        return _project.Runs().Except(before).Single();
    }

    private static Dictionary<string, string> Environment(int processors) =>
        new(_project.Feed.Environment) { ["DOTNET_PROCESSOR_COUNT"] = processors.ToString(CultureInfo.InvariantCulture) };

    private static System.Text.Json.JsonElement Record(string run) => ExperimentProject.ReadJson(Path.Combine(run, "run.json"));

    private static string Sha256(string path) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));

    // 20,000 rows, eight features and a count label from a fixed linear model: made here, the same on every machine.
    private static string CountData()
    {
        var text = new StringBuilder("f0,f1,f2,f3,f4,f5,f6,f7,label\n");
        var state = 0x9E3779B97F4A7C15UL;
        double Next()
        {
            state = state * 6364136223846793005UL + 1442695040888963407UL;
            return (state >> 11) / (double)(1UL << 53);
        }

        for (var row = 0; row < 20_000; row++)
        {
            var features = Enumerable.Range(0, 8).Select(_ => Next()).ToArray();
            var rate = Math.Exp(0.3 + features.Select((x, i) => x * (i % 3 - 1) * 0.8).Sum());
            var label = Math.Floor(rate + 2 * Next());
            text.AppendJoin(',', features.Select(x => x.ToString("0.######", CultureInfo.InvariantCulture)))
                .Append(',').Append(label.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        return text.ToString();
    }
}
