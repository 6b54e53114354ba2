using System.Text.Json;
using Repro.Sdk.Tests.Infrastructure;

namespace Repro.Sdk.Tests;

/// <summary>
/// A run's data file changes under it, on real builds with the Iris sample's data: Reproduce and Compare say what
/// changed in words (the lines, the statistics, a column's type, the same rows reordered, another split), not only that
/// a hash did.
/// </summary>
[TestClass]
public sealed class DataChangeTests
{
    private static readonly string Iris = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "samples", "IrisExperiment", "data", "iris.csv"));

    private static ExperimentProject _shared = null!;

    // A stand-in for training that reads every row: a seeded weighting of the measurements, so any change moves it.
    private const string Program = """
        using System.Globalization;
        using Repro;

        var run = ExperimentRun.Open(args);
        var state = (ulong)run.Seed;
        var score = 0.0;
        var rows = 0;
        var test = new List<ulong>();
        foreach (var line in File.ReadLines(run.DataPath).Skip(1).Where(l => l.Length > 0))
        {
            // Every fifth row by position goes to test, as a seeded splitter picks rows by where they stand.
            if (rows++ % 5 == 0)
            {
                test.Add(SplitFingerprint.Fingerprint(System.Text.Encoding.UTF8.GetBytes(line)));
            }

            foreach (var field in line.Split(',')[..4])
            {
                state = state * 6364136223846793005UL + 1442695040888963407UL;
                score += (double.TryParse(field, CultureInfo.InvariantCulture, out var value) ? value : 0) * (state >> 11) / (double)(1UL << 53);
            }
        }

        run.RecordSplit(SplitFingerprint.Of(rows - test.Count, test));
        run.LogMetric("score", score);
        run.LogMetric("rows", rows);
        File.WriteAllText(run.ArtifactPath("model.txt"), score.ToString("R", CultureInfo.InvariantCulture));
        return 0;
        """;

    public TestContext TestContext { get; set; } = null!;

    [ClassInitialize]
    public static void CreateProject(TestContext context)
    {
        _shared = ExperimentProject.Create("""<Experiment Include="iris" Seed="42" Data="data/iris.csv" LabelColumn="species" />""", program: Program);
        _shared.Write("data/iris.csv", Iris);
        _shared.Commit("iris");
        _shared.Dotnet("build").Succeeded();
    }

    [TestMethod]
    public void ARunRecordsWhatItsDataHeld()
    {
        var project = _shared.WithStoreOf(TestContext.TestName!);
        var record = Record(project, project.TrainRun("iris"));

        var profile = record.GetProperty("profiles").EnumerateArray().Single();
        Assert.AreEqual("data/iris.csv", profile.GetProperty("path").GetString());
        Assert.AreEqual(150, profile.GetProperty("rows").GetInt64());
        var columns = profile.GetProperty("columns").EnumerateArray().ToArray();
        CollectionAssert.AreEqual(new[] { "sepal_length", "sepal_width", "petal_length", "petal_width", "species" }, columns.Select(c => c.GetProperty("name").GetString()).ToArray());
        Assert.AreEqual("float", columns[3].GetProperty("type").GetString());
        Assert.AreEqual(1.199333, columns[3].GetProperty("mean").GetDouble(), 1e-6, "petal_width's mean over the 150 rows");
        var classes = columns[4].GetProperty("values").EnumerateArray().Select(v => (v.GetProperty("value").GetString(), v.GetProperty("count").GetInt64())).ToArray();
        CollectionAssert.AreEqual(new[] { ("setosa", 50L), ("versicolor", 50L), ("virginica", 50L) }, classes, "the label's classes, all counted");
        Assert.AreEqual(30, record.GetProperty("split").GetProperty("testRows").GetInt64(), "the program's split is recorded");
        Assert.IsTrue(File.Exists(Path.Combine(project.RunsDirectory, ".rows", record.GetProperty("data")[0].GetProperty("sha256").GetString() + ".rows")),
            "the row fingerprints are kept once per content in the store");
    }

    [TestMethod]
    public void RemovingARowNamesItsLineAndTheStatisticsThatMoved()
    {
        var project = _shared.WithStoreOf(TestContext.TestName!);
        var runId = project.TrainRun("iris");
        ChangeData(project, lines => [.. lines[..87], .. lines[88..]], () =>
        {
            var output = project.Reproduce(runId).FailedWith("REPRO0024").Output;
            Console.WriteLine(output); // docs/explain.md shows this output

            StringAssert.Contains(output, "rows 150 → 149 (line 88 removed)");
            StringAssert.Contains(output, "sepal_length mean 5.843 → 5.838");
            StringAssert.Contains(output, "species versicolor 50 → 49");
            StringAssert.Contains(output, "schema same");

            // Compare says the same of two recorded runs: the one before and one trained on the file as it is now.
            var after = project.TrainRun("iris");
            var compared = project.Dotnet("build", "-t:Compare", "-p:RunId=" + runId, "-p:Against=" + after).Succeeded().Output;
            StringAssert.Contains(compared, "rows 150 → 149 (line 88 removed)");
        });
    }

    [TestMethod]
    public void AColumnThatBecomesTextIsNamedWithItsFirstValue()
    {
        var project = _shared.WithStoreOf(TestContext.TestName!);
        var runId = project.TrainRun("iris");
        ChangeData(project, lines => [.. lines.Select((line, i) => i == 11 ? string.Join(",", [.. line.Split(',')[..3], "n/a", line.Split(',')[4]]) : line)], () =>
        {
            var output = project.Reproduce(runId).FailedWith("REPRO0024").Output;

            StringAssert.Contains(output, "line 12 changed");
            StringAssert.Contains(output, "column petal_width: float → text (line 12: \"n/a\")");
            StringAssert.Contains(output, "schema: types changed");
        });
    }

    [TestMethod]
    public void ReorderedRowsAreTheSameRowsAndAnotherSplit()
    {
        var project = _shared.WithStoreOf(TestContext.TestName!);
        var runId = project.TrainRun("iris");
        ChangeData(project, lines => [lines[0], .. lines[1..].Reverse()], () =>
        {
            var output = project.Reproduce(runId).FailedWith("REPRO0024").Output;

            StringAssert.Contains(output, "rows 150, the same rows reordered; schema same");
            StringAssert.Contains(output, "other rows held out (30 of 150 → 30 of 150)", "the same data and seed held out other rows");
        });
    }

    /// <summary>Rewrites the shared project's data for <paramref name="check"/>, and puts it back for the next test.</summary>
    private static void ChangeData(ExperimentProject project, Func<string[], string[]> change, Action check)
    {
        var lines = Iris.TrimEnd('\n').Split('\n');
        project.Write("data/iris.csv", string.Join("\n", change(lines)) + "\n");
        try
        {
            check();
        }
        finally
        {
            project.Write("data/iris.csv", Iris);
        }
    }

    private static JsonElement Record(ExperimentProject project, string runId) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(project.RunsDirectory, runId, "run.json"))).RootElement;
}
