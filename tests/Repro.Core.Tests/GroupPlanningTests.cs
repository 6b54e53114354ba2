using Repro.Diagnostics;
using Repro.Experiments;
using Repro.Groups;
using Repro.Records;
using Repro.Training;

namespace Repro.Core.Tests;

/// <summary>Seeds and Sweep into run plans; a group's best run and grid point; which way is better for a metric.</summary>
[TestClass]
public sealed class GroupPlanningTests
{
    private static readonly string Project = Path.GetTempPath();

    [TestMethod]
    [DataRow("1;2;3", new long[] { 1, 2, 3 })]
    [DataRow("3, 1 2", new long[] { 3, 1, 2 })]
    [DataRow("1..4", new long[] { 1, 2, 3, 4 })]
    [DataRow("7;1..2", new long[] { 7, 1, 2 })]
    public void SeedsAreListsAndRangesInTheOrderWritten(string text, long[] expected) =>
        CollectionAssert.AreEqual(expected, SeedList.Parse(text, "test").ToArray());

    [TestMethod]
    [DataRow("")]
    [DataRow("1;x")]
    [DataRow("-1")]
    [DataRow("5..1")]
    [DataRow("1;2;1")]
    [DataRow("1..100000")]
    public void BadSeedsAreRepro0060(string text) =>
        Assert.AreEqual(ErrorCode.BadSeeds, Assert.ThrowsExactly<ReproException>(() => SeedList.Parse(text, "test")).Code);

    [TestMethod]
    public void ASweepIsEveryCombinationTheFirstParameterVaryingSlowest()
    {
        var axes = SweepGrid.Parse("Trees=10,50,100; MaxDepth=3,5", "test");
        CollectionAssert.AreEqual(new[] { "Trees", "MaxDepth" }, axes.Select(a => a.Name).ToArray());
        var points = SweepGrid.Points(axes).Select(p => $"{p["Trees"]}/{p["MaxDepth"]}").ToArray();
        CollectionAssert.AreEqual(new[] { "10/3", "10/5", "50/3", "50/5", "100/3", "100/5" }, points);
    }

    [TestMethod]
    [DataRow("Trees")]
    [DataRow("=1,2")]
    [DataRow("Trees=1,,2")]
    [DataRow("Trees=1,1")]
    [DataRow("Trees=1;Trees=2")]
    [DataRow("Seed=1,2")]
    [DataRow("TestSize=0.1,0.2")]
    [DataRow(";")]
    public void BadSweepsAreRepro0062(string text) =>
        Assert.AreEqual(ErrorCode.BadSweep, Assert.ThrowsExactly<ReproException>(() => SweepGrid.Parse(text, "test")).Code);

    [TestMethod]
    public void SeedsMakeOneGroupOfOneRunPerSeed()
    {
        var (plans, errors) = ExperimentPlanner.Plan([Spec("a", ("Seeds", "1;2;3"), ("Trees", "10"))], CommandLineOverrides.None, Project);
        Assert.IsEmpty(errors);
        CollectionAssert.AreEqual(new long[] { 1, 2, 3 }, plans.Select(p => p.Seed).ToArray());
        Assert.IsNotNull(plans[0].Group);
        Assert.IsTrue(plans.All(p => ReferenceEquals(p.Group, plans[0].Group)), "one group");
        Assert.IsTrue(plans.All(p => p.Params["Trees"] == "10" && p.Point.Count == 0));
        Assert.IsFalse(plans[0].Params.ContainsKey("Seeds"), "Seeds is not a parameter");
    }

    [TestMethod]
    public void ASweepTimesSeedsIsGridPointBySeedWithTheSweptValuesAsParameters()
    {
        var (plans, errors) = ExperimentPlanner.Plan(
            [Spec("a", ("Seeds", "1;2"), ("Trees", "100"), ("Sweep", "Trees=10,50;MaxDepth=3,5"), ("SweepGoal", "Minimize"))], CommandLineOverrides.None, Project);
        Assert.IsEmpty(errors);
        Assert.HasCount(8, plans);
        CollectionAssert.AreEqual(
            new[] { "10 3 1", "10 3 2", "10 5 1", "10 5 2", "50 3 1", "50 3 2", "50 5 1", "50 5 2" },
            plans.Select(p => $"{p.Params["Trees"]} {p.Params["MaxDepth"]} {p.Seed}").ToArray());
        Assert.AreEqual("minimize", plans[0].Group!.SweepGoal);
        Assert.AreEqual("50", plans[^1].Point["Trees"]);
    }

    [TestMethod]
    public void TheCommandLineWins()
    {
        ExperimentSpec[] experiment = [Spec("a", ("Seed", "42"), ("Sweep", "Trees=1,2"))];
        var seeds = ExperimentPlanner.Plan(experiment, CommandLineOverrides.None with { Seeds = "5 6" }, Project).Plans;
        CollectionAssert.AreEqual(new long[] { 5, 5, 6, 6 }.Order().ToArray(), seeds.Select(p => p.Seed).Order().ToArray());

        // A member's own Train command, -p:Seed and -p:Params, makes that member alone: -p:Params pins a swept parameter.
        var member = ExperimentPlanner.Plan(experiment, new(null, "42", null, "Trees=2"), Project).Plans.Single();
        Assert.IsNull(member.Group);
        Assert.AreEqual("2", member.Params["Trees"]);

        var sweep = ExperimentPlanner.Plan([Spec("a", ("Seed", "42"))], CommandLineOverrides.None with { Sweep = "Trees=1,2,3" }, Project).Plans;
        CollectionAssert.AreEqual(new[] { "1", "2", "3" }, sweep.Select(p => p.Params["Trees"]).ToArray());
    }

    [TestMethod]
    public void SeedWithSeedsAndABadSweepGoalAreCodedErrors()
    {
        Assert.AreEqual(ErrorCode.SeedAndSeeds, ExperimentPlanner.Plan([Spec("a", ("Seed", "1"), ("Seeds", "1;2"))], CommandLineOverrides.None, Project).Errors.Single().Code);
        Assert.AreEqual(ErrorCode.SeedAndSeeds, ExperimentPlanner.Plan([Spec("a", ("Seed", "1"))], new CommandLineOverrides(null, "1", null, null) { Seeds = "2" }, Project).Errors.Single().Code);
        Assert.AreEqual(ErrorCode.BadSweepGoal, ExperimentPlanner.Plan([Spec("a", ("Seed", "1"), ("Sweep", "X=1"), ("SweepGoal", "down"))], CommandLineOverrides.None, Project).Errors.Single().Code);
        Assert.AreEqual(ErrorCode.BadSeeds, ExperimentPlanner.Plan([Spec("a", ("Seeds", "1;1"))], CommandLineOverrides.None, Project).Errors.Single().Code);
    }

    [TestMethod]
    [DataRow("", 1)]
    [DataRow("4", 4)]
    public void MaxParallelRunsIsAWholeNumberFromOne(string text, int expected) => Assert.AreEqual(expected, ParallelRuns.Parse(text));

    [TestMethod]
    [DataRow("0")]
    [DataRow("-2")]
    [DataRow("two")]
    public void BadMaxParallelRunsIsRepro0064(string text) =>
        Assert.AreEqual(ErrorCode.BadMaxParallelRuns, Assert.ThrowsExactly<ReproException>(() => ParallelRuns.Parse(text)).Code);

    [TestMethod]
    [DataRow("log_loss", null, true)]
    [DataRow("rmse", null, true)]
    [DataRow("train-error", null, true)]
    [DataRow("loss", null, true)]
    [DataRow("accuracy", null, false)]
    [DataRow("glossary", null, false)]
    [DataRow("log_loss_reduction", null, false)]
    [DataRow("error_reduction", null, false)]
    [DataRow("accuracy", "minimize", true)]
    [DataRow("log_loss", "maximize", false)]
    public void LowerIsBetterForLossesAndErrorsNotTheirReductionsOrAsDeclared(string metric, string? goal, bool lower) =>
        Assert.AreEqual(lower, MetricGoal.LowerIsBetter(metric, goal));

    [TestMethod]
    public void TheBestRunAndPointFollowTheGoalAndTiesGoToTheFirst()
    {
        GroupMember[] members =
        [
            Member("r1", 1, "a", 0.90), Member("r2", 2, "a", 0.80),
            Member("r3", 1, "b", 0.95), Member("r4", 2, "b", 0.70),
            Member("r5", 1, "c", 0.95) with { Status = RunStatus.Failed },
        ];
        var points = GroupStatistics.Points(members);
        Assert.HasCount(3, points);
        Assert.AreEqual(0.85, points[0].Statistics["accuracy"].Mean, 1e-15);
        Assert.IsEmpty(points[2].Statistics, "a failed member adds nothing to its point's statistics");

        Assert.AreEqual("r3", GroupRecorder.BestRun(members, "accuracy", lowerIsBetter: false));
        Assert.AreEqual("r4", GroupRecorder.BestRun(members, "accuracy", lowerIsBetter: true));
        Assert.AreEqual(0, GroupRecorder.BestPoint(points, "accuracy", lowerIsBetter: false), "0.85 against 0.825");
        Assert.AreEqual(1, GroupRecorder.BestPoint(points, "accuracy", lowerIsBetter: true));
        Assert.AreEqual("r1", GroupRecorder.BestRun([Member("r1", 1, "a", 0.5), Member("r2", 2, "a", 0.5)], "accuracy", false));
    }

    [TestMethod]
    public void ASweepMetricNoRunLoggedIsWarnedAndTheGridIsNotRanked()
    {
        using var folder = new TempFolder();
        var log = new TestLog();
        var settings = new TrainSettings(Path.Combine(folder.Path, "p.csproj"), new Repro.Runs.RunStore(Path.Combine(folder.Path, "runs")), "p.dll", "dotnet",
            "packages.lock.json", Repro.SourceControl.GitStamp.Unknown("a test"), null, null, log);
        var plan = new GroupPlan("grid", [1], [new SweepAxis("Tag", ["a", "b"])], SweepMetric: "acuracy", SweepGoal: null);
        var runs = new[] { ("20261123-000000-000-000001", "a", 0.6), ("20261123-000000-000-000002", "b", 0.9) }.Select(r =>
        {
            var point = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["Tag"] = r.Item2 };
            var runPlan = new RunPlan("grid", 1, null, new(point, StringComparer.Ordinal), [], [], Repro.Reproduction.ToleranceSpec.Standard) { Point = point };
            var record = TestRecords.Completed("grid") with { RunId = r.Item1, Metrics = new(StringComparer.Ordinal) { ["accuracy"] = r.Item3 } };
            return (runPlan, new RunOutcome(record, Path.Combine(folder.Path, "runs", r.Item1)));
        }).ToArray();

        var group = GroupRecorder.Record(settings, plan, "20261123-000000-000-0000aa", DateTimeOffset.UnixEpoch, runs).Record;

        var warning = log.Warnings.Single();
        Assert.AreEqual(ErrorCode.SweepMetricMissing, warning.Code);
        StringAssert.Contains(warning.Message, "acuracy");
        Assert.IsNull(group.BestRun, "no run is named best by a metric none logged");
        Assert.IsNull(group.BestPoint);
    }

    [TestMethod]
    public void TheReportAndTheTableShowTheDistributionAndTheGridBestFirst()
    {
        GroupMember[] members = [Member("20261123-000000-000-000001", 1, "a", 0.6), Member("20261123-000000-000-000002", 1, "b", 0.9)];
        var points = GroupStatistics.Points(members);
        var group = new GroupRecord
        {
            GroupId = "20261123-000000-000-0000aa",
            Experiment = "forest",
            Seeds = [1],
            Sweep = [new SweepAxis("Tag", ["a", "b"])],
            Members = members,
            Points = points,
            RankedBy = "accuracy",
            BestRun = GroupRecorder.BestRun(members, "accuracy", false),
            BestPoint = GroupRecorder.BestPoint(points, "accuracy", false),
            Git = new GitRecord("abc", false, "main", null),
            StartedAt = DateTimeOffset.UnixEpoch,
            Command = "dotnet build -t:Train",
        };

        var report = GroupReport.Render(group, "dotnet build -t:Reproduce -p:RunId=" + group.GroupId);
        var rows = report.Split('\n').Where(l => l.StartsWith("| 1 |", StringComparison.Ordinal) || l.StartsWith("| 2 |", StringComparison.Ordinal)).ToArray();
        CollectionAssert.AreEqual(new[] { "| 1 | b | 0.9 | — | 1 |", "| 2 | a | 0.6 | — | 1 |" }, rows);
        StringAssert.Contains(report, "Best: run 20261123-000000-000-000002 (seed 1, Tag=b): accuracy = 0.9.");
        var table = GroupSummary.Render(new GroupOutcome(group, "runs/groups/" + group.GroupId));
        StringAssert.Contains(table, "ranked by accuracy (higher is better)");
        StringAssert.Contains(table, "best: run 20261123-000000-000-000002");
    }

    private static GroupMember Member(string runId, long seed, string tag, double accuracy) => new(
        runId, seed, new(StringComparer.Ordinal) { ["Tag"] = tag }, RunStatus.Completed, new(StringComparer.Ordinal) { ["accuracy"] = accuracy });

    private static ExperimentSpec Spec(string name, params (string Name, string Value)[] metadata) =>
        new(name, metadata.ToDictionary(m => m.Name, m => m.Value, StringComparer.OrdinalIgnoreCase));
}
