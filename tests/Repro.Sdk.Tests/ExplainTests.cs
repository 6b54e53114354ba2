using System.Globalization;
using System.Text.RegularExpressions;
using Repro.Groups;
using Repro.Runs;
using Repro.Sdk.Tests.Infrastructure;

namespace Repro.Sdk.Tests;

/// <summary>
/// -t:Explain on real builds: B drops a row of A's data and doubles a parameter; Explain re-runs A with each change
/// alone, and each effect is checked against the same change trained by hand.
/// </summary>
[TestClass]
public sealed class ExplainTests
{
    private static readonly string Iris = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "samples", "IrisExperiment", "data", "iris.csv"));

    // A seeded weighting of every measurement, times Scale: the data and the parameter both move the score, and together
    // they interact (Scale multiplies what the data gives).
    private const string Program = """
        using System.Globalization;
        using Repro;

        var run = ExperimentRun.Open(args);
        var scale = double.Parse(run.Param<string>("Scale"), CultureInfo.InvariantCulture);
        var state = (ulong)run.Seed;
        var score = 0.0;
        var rows = 0;
        foreach (var line in File.ReadLines(run.DataPath).Skip(1).Where(l => l.Length > 0))
        {
            rows++;
            foreach (var field in line.Split(',')[..4])
            {
                state = state * 6364136223846793005UL + 1442695040888963407UL;
                score += double.Parse(field, CultureInfo.InvariantCulture) * (state >> 11) / (double)(1UL << 53);
            }
        }

        run.LogMetric("score", score * scale);
        run.LogMetric("rows", rows);
        return 0;
        """;

    [TestMethod]
    public void EachChangeAloneIsWhatTrainingItByHandGives()
    {
        var project = ExperimentProject.Create("""<Experiment Include="iris" Seed="42" Data="data/iris.csv" Scale="1" />""", program: Program);
        project.Write("data/iris.csv", Iris);
        project.Commit("iris");
        var a = project.TrainRun("iris");
        var lines = Iris.TrimEnd('\n').Split('\n');
        var dropped = string.Join("\n", [.. lines[..87], .. lines[88..]]) + "\n";
        project.Write("data/iris.csv", dropped);
        project.Commit("drop line 88");
        var b = project.TrainRun("iris", "-p:Params=Scale=2");

        var output = project.Dotnet("build", "-t:Explain", "-p:RunId=" + a, "-p:Against=" + b).Succeeded().Output;
        Console.WriteLine(output); // docs/explain.md shows this output

        const string data = "data/iris.csv (rows 150 → 149 (line 88 removed))";
        const string scale = "Scale 1 → 2";
        StringAssert.Contains(output, "3 change(s) to apply alone and the baseline");
        var explained = ExplanationRuns(project, a, b);
        Assert.AreEqual(Metric(project, a, "score"), explained[Baseline].Score, "A re-run here is A, bit for bit");

        // By hand: B's data with A's Scale, then A's data with B's Scale, each a fresh run.
        var dataAlone = Metric(project, project.TrainRun("iris", "-p:Force=true"), "score");
        project.Write("data/iris.csv", Iris);
        var scaleAlone = Metric(project, project.TrainRun("iris", "-p:Params=Scale=2", "-p:Force=true"), "score");
        project.Write("data/iris.csv", dropped);

        Assert.AreEqual(dataAlone, explained[data].Score, "the data change alone");
        Assert.AreEqual(scaleAlone, explained[scale].Score, "the parameter change alone");
        var (atA, atB) = (Metric(project, a, "score"), Metric(project, b, "score"));
        var interaction = atB - atA - (dataAlone - atA) - (scaleAlone - atA);
        Assert.AreNotEqual(0, Math.Round(interaction, 6), "Scale multiplies the data's change: they interact");
        StringAssert.Contains(output, $"score: {scale}: {Signed(scaleAlone - atA)}; {data}: {Signed(dataAlone - atA)}; ");
        StringAssert.Contains(output, $"interaction: {Signed(interaction)}");
        StringAssert.Contains(output, "code ", "the commit changed too");
        StringAssert.Contains(output, "(the same program)");

        // Asked again, every run is up to date: Explain costs a build.
        var again = project.Dotnet("build", "-t:Explain", "-p:RunId=" + a, "-p:Against=" + b).Succeeded().Output;
        StringAssert.Contains(again, "0 run(s) to make");
        StringAssert.Contains(again, $"interaction: {Signed(interaction)}");
    }

    // The same weighting, from a stream the Stream parameter picks: changing it moves each seed's score at random.
    private const string StreamProgram = """
        using System.Globalization;
        using Repro;

        var run = ExperimentRun.Open(args);
        var scale = double.Parse(run.Param<string>("Scale"), CultureInfo.InvariantCulture);
        var state = (ulong)run.Seed * 0x9E3779B97F4A7C15UL + ulong.Parse(run.Param<string>("Stream"), CultureInfo.InvariantCulture);
        var score = 0.0;
        foreach (var line in File.ReadLines(run.DataPath).Skip(1).Where(l => l.Length > 0))
        {
            foreach (var field in line.Split(',')[..4])
            {
                state = state * 6364136223846793005UL + 1442695040888963407UL;
                score += double.Parse(field, CultureInfo.InvariantCulture) * (state >> 11) / (double)(1UL << 53);
            }
        }

        run.LogMetric("score", score * scale);
        return 0;
        """;

    [TestMethod]
    public void ForGroupsEachChangeIsJudgedOnItsMeanEffectAndNoiseIsNotACause()
    {
        var project = ExperimentProject.Create("""<Experiment Include="iris" Seeds="1..5" Data="data/iris.csv" Scale="1" Stream="1" />""", program: StreamProgram);
        project.Write("data/iris.csv", Iris);
        project.Commit("iris");
        var a = GroupId(project.Train().Succeeded().Output);
        var b = GroupId(project.Train("-p:Params=\"Scale=2 Stream=2\"").Succeeded().Output);

        var output = project.Dotnet("build", "-t:Explain", "-p:RunId=" + a, "-p:Against=" + b).Succeeded().Output;
        Console.WriteLine(output); // docs/explain.md shows this output

        StringAssert.Contains(output, "5 pairs of runs, paired by seed.");
        StringAssert.Contains(output, "10 change(s) to apply alone and 5 baselines");
        var store = new RunStore(project.RunsDirectory);
        var (membersOfA, membersOfB) = (new GroupStore(store).Read(a).Members, new GroupStore(store).Read(b).Members);
        var made = project.Runs().Select(folder => ExperimentProject.ReadJson(Path.Combine(folder, "run.json")))
            .Where(r => r.TryGetProperty("explanationOf", out _))
            .ToDictionary(r => (r.GetProperty("explanationOf").GetProperty("run").GetString()!, r.GetProperty("explanationOf").GetProperty("change").GetString()!),
                r => r.GetProperty("metrics").GetProperty("score").GetDouble());
        Assert.AreEqual(15 - membersOfA.Count(m => !made.ContainsKey((m.RunId, Baseline))), made.Count, "each of A's five runs: the baseline (unless up to date) and each change alone");

        // Each change's effect, seed by seed, summarised as Explain says it did: the mean and its 95% interval (t with 4 degrees of freedom).
        string Summary(string change) => Interval(membersOfA.Select(m => made[(m.RunId, change)] - (made.TryGetValue((m.RunId, Baseline), out var at) ? at : m.Metrics["score"])).ToArray());
        var interaction = Interval(membersOfA.Select((m, i) => membersOfB[i].Metrics["score"] - m.Metrics["score"]
            - (made[(m.RunId, "Scale 1 → 2")] - m.Metrics["score"]) - (made[(m.RunId, "Stream 1 → 2")] - m.Metrics["score"])).ToArray());
        StringAssert.Contains(output, $"score: Scale 1 → 2: {Summary("Scale 1 → 2")}; Stream 1 → 2: within noise ({Summary("Stream 1 → 2")}); interaction: {interaction}");
    }

    [TestMethod]
    public void ExplainWithoutAgainstIsRepro0097()
    {
        var project = ExperimentProject.Create("""<Experiment Include="iris" Seed="42" Data="data/iris.csv" Scale="1" />""", program: Program);
        project.Write("data/iris.csv", Iris);
        project.Commit("iris");
        var a = project.TrainRun("iris");

        project.Dotnet("build", "-t:Explain", "-p:RunId=" + a).FailedWith("REPRO0097");
    }

    [TestMethod]
    public void DataThatIsNowhereToBeHadIsRepro0098()
    {
        var project = ExperimentProject.Create("""<Experiment Include="iris" Seed="42" Data="data/iris.csv" Scale="1" />""", program: Program);
        project.Write("data/iris.csv", Iris); // never committed: once changed, A's content is nowhere
        var a = project.TrainRun("iris");
        var lines = Iris.TrimEnd('\n').Split('\n');
        project.Write("data/iris.csv", string.Join("\n", lines[..100]) + "\n");
        var b = project.TrainRun("iris");

        var output = project.Dotnet("build", "-t:Explain", "-p:RunId=" + a, "-p:Against=" + b).FailedWith("REPRO0098").Output;
        StringAssert.Contains(output, "data/iris.csv (sha256 ");
        StringAssert.Contains(output, "Restore it to explain the run.");
    }

    private const string Baseline = "none (A as recorded)";

    private static double Metric(ExperimentProject project, string runId, string metric) =>
        ExperimentProject.ReadJson(Path.Combine(project.RunsDirectory, runId, "run.json")).GetProperty("metrics").GetProperty(metric).GetDouble();

    /// <summary>The runs Explain made for A against B, by the change each applied.</summary>
    private static Dictionary<string, (string RunId, double Score)> ExplanationRuns(ExperimentProject project, string a, string b) =>
        project.Runs().Select(folder => ExperimentProject.ReadJson(Path.Combine(folder, "run.json")))
            .Where(r => r.TryGetProperty("explanationOf", out var of) && of.GetProperty("run").GetString() == a && of.GetProperty("against").GetString() == b)
            .GroupBy(r => r.GetProperty("explanationOf").GetProperty("change").GetString()!)
            .ToDictionary(g => g.Key, g => (g.First().GetProperty("runId").GetString()!, g.First().GetProperty("metrics").GetProperty("score").GetDouble()));

    private static string GroupId(string output) => Regex.Match(output, @"Group (\d{8}-\d{6}-\d{3}-[0-9a-f]{6}):").Groups[1].Value is { Length: > 0 } id
        ? id
        : throw new AssertFailedException("Train printed no group:\n" + output);

    /// <summary>A mean with its 95% interval, as Explain prints it, for five values.</summary>
    private static string Interval(double[] values)
    {
        Assert.HasCount(5, values);
        var mean = values.Sum() / values.Length;
        var deviation = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
        var half = 2.7764451051977987 * deviation / Math.Sqrt(values.Length);
        return $"{Signed(mean)} [{Signed(mean - half)}, {Signed(mean + half)}]";
    }

    private static string Signed(double value) => value switch
    {
        0 => "0",
        > 0 => "+" + value.ToString("G4", CultureInfo.InvariantCulture),
        _ => "−" + (-value).ToString("G4", CultureInfo.InvariantCulture),
    };
}
