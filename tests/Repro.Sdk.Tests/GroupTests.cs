using System.Text.Json;
using System.Text.RegularExpressions;
using Repro.Groups;
using Repro.Records;
using Repro.Runs;
using Repro.Sdk.Tests.Infrastructure;

namespace Repro.Sdk.Tests;

/// <summary>
/// Seed groups and sweeps as Train makes them, and a group id in the verbs: Reproduce re-runs every member and names the
/// one that diverged; Register, Describe, Runs and Compare take it.
/// </summary>
[TestClass]
public sealed class GroupTests
{
    private const string Experiments = """
            <Experiment Include="weights" Seeds="1;2;3;4;5" Data="data/numbers.csv" />
            <Experiment Include="grid" Seed="1" Data="data/numbers.csv" Sweep="Scale=1,3;Tag=a,b" SweepMetric="score" />
        """;

    /// <summary>Student's t quantile t(0.975, 4), from scipy.stats.t.ppf(0.975, 4).</summary>
    private const double T975With4Degrees = 2.7764451051977987;

    /// <summary>The seed is also how many data rows the program reads, so a change to one row shows in some members only.</summary>
    private static readonly string Program = ExperimentProject.ProgramSource.Replace(".Skip(1).Select(", ".Skip(1).Take((int)run.Seed).Select(", StringComparison.Ordinal);

    [TestMethod]
    public void ASeedGroupOfFiveIsFiveRunsOfOneGroupWithItsStatisticsAndReproducesUntilOneMembersDataChanges()
    {
        Console.WriteLine("GroupTests: a seed group of 5, its statistics, Reproduce, Register, Describe, Runs…");
        var project = ExperimentProject.Create(Experiments, program: Program);
        var train = project.Train("-p:Experiment=weights").Succeeded().Output;
        var groupId = GroupId(train);
        var store = new RunStore(project.RunsDirectory);
        var group = new GroupStore(store).Read(groupId);

        // Five runs, one group id in each run.json, the seeds in order.
        Assert.HasCount(5, group.Members);
        CollectionAssert.AreEqual(new long[] { 1, 2, 3, 4, 5 }, group.Members.Select(m => m.Seed).ToArray());
        var records = group.Members.Select(m => RecordJson.ReadRecord(Path.Combine(store.Directory, m.RunId, "run.json"))).ToArray();
        Assert.IsTrue(records.All(r => r.Group == groupId && r.Status == RunStatus.Completed));
        Assert.HasCount(5, project.Runs());

        // The statistics, by hand from the members' own records.
        var scores = records.Select(r => r.Metrics["score"]).ToArray();
        var mean = scores.Sum() / 5;
        var sd = Math.Sqrt(scores.Sum(x => (x - mean) * (x - mean)) / 4);
        var half = T975With4Degrees * sd / Math.Sqrt(5);
        var summary = group.Points.Single().Statistics["score"];
        Assert.AreEqual(5, summary.Count);
        Assert.AreEqual(mean, summary.Mean, 1e-12);
        Assert.AreEqual(sd, summary.StandardDeviation!.Value, 1e-12);
        Assert.AreEqual(scores.Min(), summary.Min);
        Assert.AreEqual(scores.Max(), summary.Max);
        Assert.AreEqual(mean - half, summary.ConfidenceLow!.Value, 1e-9);
        Assert.AreEqual(mean + half, summary.ConfidenceHigh!.Value, 1e-9);

        // Without SweepMetric the group is ranked by the first metric the program logged: score, though rows sorts first.
        Assert.AreEqual("score", group.RankedBy);
        StringAssert.Contains(train, $"best: run {records.OrderByDescending(r => r.Metrics["score"]).First().RunId} (seed ");

        // Train's table and the group's report.md show the distribution; the report embeds a plot per metric.
        Assert.IsTrue(Regex.IsMatch(train, @"\n\s+score\s+" + Regex.Escape(GroupText.MeanSd(summary) + "  ")), train);
        var report = File.ReadAllText(Path.Combine(store.Directory, "groups", groupId, "report.md"));
        StringAssert.Contains(report, $"| score | {GroupText.MeanSd(summary)} | {GroupText.Interval(summary)} |");
        StringAssert.Contains(report, "![score](plots/score.svg)");
        Assert.IsTrue(File.Exists(Path.Combine(store.Directory, "groups", groupId, "plots", "score.svg")));

        // Unchanged, the group is up to date: no run, no new group.
        StringAssert.Contains(project.Train("-p:Experiment=weights").Succeeded().Output, $"up to date: group {groupId} of weights");
        Assert.HasCount(1, new GroupStore(store).Ids());

        var members = group.Members.Select(m => m.RunId).ToArray();
        StringAssert.Contains(project.Reproduce(groupId).Succeeded().Output, $"Group {groupId} (weights): 5 of 5 members reproduced");
        var register = project.Dotnet("build", "-t:Register", "-p:RunId=" + groupId, "-p:Model=demo", "-p:Member=2").Succeeded().Output;
        StringAssert.Contains(register, $"registered group {groupId} as demo@1, the model of member {members[1]}");
        StringAssert.Contains(project.Dotnet("build", "-t:Describe", "-p:RunId=" + groupId).Succeeded().Output, "registered as demo@1");
        var runs = project.Dotnet("build", "-t:Runs").Succeeded().Output;
        StringAssert.Contains(runs.Split('\n').Single(line => line.Contains("  " + groupId + "  ", StringComparison.Ordinal)), "5 runs (5 completed)");
        StringAssert.Contains(project.Dotnet("build", "-t:Describe", "-p:Model=demo@1").Succeeded().Output,
            $"backed by     group {groupId} of 5 runs (5 seeds)");

        // The fifth row: only the member of seed 5 reads it.
        project.Write("data/numbers.csv", "value\n1.5\n2.25\n-3\n4\n11\n");
        var failed = project.Reproduce(groupId).FailedWith("REPRO0070").Output;
        var error = failed.Split('\n').First(line => line.Contains("error REPRO0070", StringComparison.Ordinal));
        StringAssert.Contains(error, $"1 of 5 members did not ({members[4]})");
        StringAssert.Contains(error, $"Member {members[4]} (seed 5)");
        StringAssert.Contains(error, "data/numbers.csv changed: sha256");
        Assert.IsFalse(error.Contains(members[0], StringComparison.Ordinal), error);
        StringAssert.Contains(failed, $"{members[0]} (seed 1)  reproduced");
    }

    [TestMethod]
    public void ASweepOfTwoByTwoWithTwoSeedsIsEightRunsNamesTheBestAndGivesTheSameMetricsTwoAtATime()
    {
        Console.WriteLine("GroupTests: a 2×2 sweep × 2 seeds, one run at a time and two at a time…");
        var project = ExperimentProject.Create(Experiments, program: Program);
        var one = project.Train("-p:Experiment=grid", "-p:Seeds=2 4").Succeeded().Output;
        var store = new RunStore(project.RunsDirectory);
        var sweep = new GroupStore(store).Read(GroupId(one));

        Assert.HasCount(8, sweep.Members);
        Assert.HasCount(4, sweep.Points);
        CollectionAssert.AreEqual(new[] { "Scale=1 Tag=a", "Scale=1 Tag=b", "Scale=3 Tag=a", "Scale=3 Tag=b" },
            sweep.Points.Select(p => GroupText.Point(sweep, p.Params)).ToArray(), "the first swept parameter varies slowest");
        foreach (var member in sweep.Members)
        {
            var record = RecordJson.ReadRecord(Path.Combine(store.Directory, member.RunId, "run.json"));
            Assert.AreEqual(member.Point["Scale"], record.Params["Scale"], "each run records its grid point's parameters");
            Assert.AreEqual(member.Point["Tag"], record.Params["Tag"]);
        }

        // The best run is the one with the highest score on record, and Train names it.
        var best = sweep.Members.OrderByDescending(m => m.Metrics["score"]).First();
        Assert.AreEqual(best.RunId, sweep.BestRun);
        StringAssert.Contains(one, $"best: run {best.RunId}");
        StringAssert.Contains(one, "ranked by score (higher is better)");

        var two = project.Train("-p:Experiment=grid", "-p:Seeds=2 4", "-p:MaxParallelRuns=2", "-p:Force=true").Succeeded().Output;
        var parallel = new GroupStore(store).Read(GroupId(two));
        Assert.AreNotEqual(sweep.GroupId, parallel.GroupId);
        Assert.IsTrue(parallel.Members.All(m => !m.UpToDate), "-p:Force=true trains every member again");
        CollectionAssert.AreEqual(
            sweep.Members.Select(m => JsonSerializer.Serialize(m.Metrics)).ToArray(),
            parallel.Members.Select(m => JsonSerializer.Serialize(m.Metrics)).ToArray(),
            "two runs at a time give the same metrics, member by member");

        // The run cache applies per grid point: a third point trains only the new runs.
        var grown = project.Train("-p:Experiment=grid", "-p:Seeds=2 4", "-p:Sweep=\"Scale=1,3,5;Tag=a,b\"").Succeeded().Output;
        Assert.AreEqual(8, Regex.Matches(grown, @"up to date: grid seed").Count, grown);
        StringAssert.Contains(grown, "(12 run(s): 4 completed, 0 failed, 8 up to date)");
    }

    [TestMethod]
    public void BadSeedsSweepsAndParallelismAreCodedErrors()
    {
        var project = ExperimentProject.Create(Experiments, program: Program, git: false);
        project.Train("-p:Experiment=weights", "-p:Seeds=1 x").FailedWith("REPRO0060");
        project.Train("-p:Experiment=weights", "-p:Seed=1", "-p:Seeds=2 3").FailedWith("REPRO0061");
        project.Train("-p:Experiment=grid", "-p:Sweep=Scale").FailedWith("REPRO0062");
        project.Train("-p:Experiment=grid", "-p:MaxParallelRuns=0").FailedWith("REPRO0064");
        Assert.IsEmpty(project.Runs(), "nothing runs when the plan is wrong");
    }

    private static string GroupId(string output) => Regex.Match(output, @"Group (\d{8}-\d{6}-\d{3}-[0-9a-f]{6}):").Groups[1].Value is { Length: > 0 } id
        ? id
        : throw new AssertFailedException("Train printed no group:\n" + output);
}
