using System.Text.RegularExpressions;
using Repro.Sdk.Tests.Infrastructure;

namespace Repro.Sdk.Tests;

/// <summary>-t:Compare on a real project: two runs side by side, the MaxRegression gate, and a registered version as the baseline.</summary>
[TestClass]
public sealed class CompareTests
{
    private const string Experiments = """
            <Experiment Include="weights" Seed="42" Data="data/numbers.csv" Scale="2" />
        """;

    [TestMethod]
    public void CompareNamesTheDifferingParameterAndTheGateFailsAWorseCandidate()
    {
        var project = ExperimentProject.Create(Experiments);
        var scaled2 = project.TrainRun("weights");
        var scaled3 = project.TrainRun("weights", "-p:Params=Scale=3");
        // The program's score is a seeded weighting times Scale: which of the two is worse depends on its sign.
        var (worse, better) = Score(project, scaled3) < Score(project, scaled2) ? (scaled3, scaled2) : (scaled2, scaled3);

        var output = Compare(project, scaled3, scaled2).Succeeded().Output;
        StringAssert.Contains(output, $"Compare A: run {scaled3} (weights)");
        StringAssert.Matches(output, new Regex(@"Parameters that differ:\s+A\s+B\s+Scale\s+3\s+2"));
        StringAssert.Contains(output, "Inputs: the same (commit, dirty, lock file, data/numbers.csv, program");
        StringAssert.Matches(output, new Regex(@"rows\s+5\s+5\s+0\s+same"));

        // The documented form: MSBuild keeps a quoted value whole, ';' and all.
        var failed = Compare(project, worse, better, "-p:MaxRegression=\"score=0.001;rows=0\"").FailedWith("REPRO0054").Output;
        StringAssert.Contains(failed, $"{worse} is worse than {better} by more than -p:MaxRegression allows: score");
        StringAssert.Contains(failed, "(higher is better), margin 0.001");
        Assert.IsFalse(Regex.IsMatch(failed, @"rows \d"), "rows is within its margin and is not named");

        StringAssert.Contains(Compare(project, better, worse, "-p:MaxRegression=score=0").Succeeded().Output,
            "MaxRegression: every named metric is within its margin (score not worse ≤ 0)");
        StringAssert.Contains(Compare(project, worse, worse, "-p:MaxRegression=\"score=0 rows=0\"").Succeeded().Output, "within its margin");
        Compare(project, worse, better, "-p:MaxRegression=accuracy=0.01").FailedWith("REPRO0055");
        Compare(project, worse, better, "-p:MaxRegression=score=-1").FailedWith("REPRO0053");
        // Unquoted, as a shell leaves "score=0.001;rows=0": MSBuild makes rows a property of its own, and Compare says so.
        StringAssert.Contains(Compare(project, worse, better, "-p:MaxRegression=score=100000;rows=0").FailedWith("REPRO0053").Output, "the property rows=0");
    }

    [TestMethod]
    public void CompareAgainstAModelAliasAndBadReferencesAreCodedErrors()
    {
        var project = ExperimentProject.Create(Experiments);
        var production = project.TrainRun("weights");
        project.Dotnet("build", "-t:Register", "-p:RunId=" + production, "-p:Model=iris-classifier").Succeeded();
        project.Dotnet("build", "-t:Promote", "-p:Model=iris-classifier@1", "-p:Alias=production").Succeeded();
        var candidate = project.TrainRun("weights", "-p:Seed=7");

        var output = Compare(project, candidate, "iris-classifier@production", "-p:MaxRegression=rows=0").Succeeded().Output;
        StringAssert.Contains(output, $"with B: iris-classifier@production: version 1, run {production} (weights)");
        StringAssert.Matches(output, new Regex(@"seed\s+7\s+42"));
        StringAssert.Contains(output, "MaxRegression: every named metric is within its margin (rows not worse ≤ 0)");

        project.Dotnet("build", "-t:Compare", "-p:RunId=" + candidate).FailedWith("REPRO0050");
        Compare(project, candidate, "iris-classifier").FailedWith("REPRO0051");
        Compare(project, candidate, "iris-classifier@staging").FailedWith("REPRO0043");
        StringAssert.Contains(Compare(project, candidate, production[..^1] + (production[^1] == '0' ? '1' : '0')).FailedWith("REPRO0021").Output,
            "The nearest ids: ");
    }

    private static CommandResult Compare(ExperimentProject project, string a, string b, params string[] properties) =>
        project.Dotnet(["build", "-t:Compare", "-p:RunId=" + a, "-p:Against=" + b, .. properties]);

    private static double Score(ExperimentProject project, string runId) =>
        ExperimentProject.ReadJson(Path.Combine(project.RunsDirectory, runId, "metrics.json")).GetProperty("score").GetDouble();
}
