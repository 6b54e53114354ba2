using Repro.Comparison;
using Repro.Diagnostics;
using Repro.Fingerprints;
using Repro.Groups;
using Repro.Records;
using Repro.Registry;
using Repro.Runs;

namespace Repro.Core.Tests;

[TestClass]
public sealed class ComparisonTests : StoreFixture
{
    // The reference samples of GroupStatisticsTests (checked with scipy).
    private static readonly double[] Five = [0.90, 0.92, 0.94, 0.96, 0.98];
    private static readonly double[] Six = [0.88, 0.90, 0.93, 0.91, 0.89, 0.90];

    private int _runs;

    [TestMethod]
    public void TwoRunsNameTheParameterThatDiffersAndSetTheMetricsSideBySide()
    {
        var a = Run(0.95, 0.10, r => r with { Params = TestRecords.Params(("Depth", "3"), ("Trees", "100")) });
        var b = Run(0.90, 0.20, r => r with { Params = TestRecords.Params(("Depth", "3"), ("Trees", "50")) });

        var comparison = Compare(a, b);

        Assert.AreEqual(new ParameterDifference("Trees", "100", "50"), comparison.Parameters.Single());
        Assert.IsFalse(comparison.ChangedInputs.Any());
        var accuracy = comparison.Metric("accuracy")!;
        Assert.AreEqual(0.95 - 0.90, accuracy.Difference!.Value, 1e-15);
        Assert.IsNull(accuracy.PValue, "two single runs have no spread to test");
        Assert.IsTrue(comparison.Metric("log_loss")!.LowerIsBetter);

        var report = ComparisonReport.Render(comparison);
        StringAssert.Contains(report, "Compare A: run " + a);
        StringAssert.Contains(report, "Parameters that differ:");
        StringAssert.Matches(report, new System.Text.RegularExpressions.Regex(@"Trees\s+100\s+50"));
        StringAssert.Contains(report, "Inputs: the same (commit, dirty, lock file, data/iris.csv, program");
        StringAssert.Matches(report, new System.Text.RegularExpressions.Regex(@"accuracy\s+0\.95\s+0\.9\s+\+0\.05\s+better"));
        StringAssert.Matches(report, new System.Text.RegularExpressions.Regex(@"log_loss\s+0\.1\s+0\.2\s+-0\.1\s+better \(lower is better\)"));
    }

    [TestMethod]
    public void InputsThatDifferAreNamedWithBothValues()
    {
        var a = Run(0.9, 0.1, r => r with { Seed = 7, Data = [new FileFingerprint("data/iris.csv", new string('9', 64), 10)] });
        var b = Run(0.9, 0.1);

        var comparison = Compare(a, b);

        Assert.AreEqual(new ParameterDifference("seed", "7", "42"), comparison.Parameters.Single());
        Assert.AreEqual("data/iris.csv", comparison.ChangedInputs.Single().Input);
        var report = ComparisonReport.Render(comparison);
        StringAssert.Matches(report, new System.Text.RegularExpressions.Regex(@"data/iris\.csv\s+999999999999…\s+dddddddddddd…"));
        StringAssert.Contains(report, "other inputs the same");
    }

    [TestMethod]
    public void TheGateFailsForAWorseCandidateInEitherDirectionAndPassesForAnEqualOne()
    {
        var production = Run(0.92, 0.10);
        var lessAccurate = Run(0.90, 0.10);
        var lossier = Run(0.92, 0.20);
        var equal = Run(0.92, 0.10);
        var margins = RegressionGate.Parse("accuracy=0.01;log_loss=0.05");

        var accuracy = Assert.ThrowsExactly<ReproException>(() => RegressionGate.Check(Compare(lessAccurate, production), margins));
        Assert.AreEqual(ErrorCode.Regressed, accuracy.Code);
        StringAssert.Contains(accuracy.Message, $"{lessAccurate} is worse than {production}");
        StringAssert.Contains(accuracy.Message, "accuracy 0.9 against 0.92, 0.02 worse (higher is better), margin 0.01");
        Assert.IsFalse(accuracy.Message.Contains("log_loss", StringComparison.Ordinal), "only the metrics beyond their margin are named");

        var loss = Assert.ThrowsExactly<ReproException>(() => RegressionGate.Check(Compare(lossier, production), margins));
        StringAssert.Contains(loss.Message, "log_loss 0.2 against 0.1, 0.1 worse (lower is better), margin 0.05");

        var passed = RegressionGate.Check(Compare(equal, production), margins);
        StringAssert.StartsWith(passed, "MaxRegression: every named metric is within its margin");
        StringAssert.Contains(RegressionGate.Check(Compare(production, production), margins), "accuracy not worse ≤ 0.01");
    }

    [TestMethod]
    public void ARegressionEqualToTheMarginPassesAndABetterCandidatePassesAMarginOfZero()
    {
        var production = Run(0.91, 0.10);
        var atTheMargin = Run(0.90, 0.15);
        var beyond = Run(0.8999, 0.10);
        var better = Run(0.95, 0.05);

        StringAssert.Contains(RegressionGate.Check(Compare(atTheMargin, production), RegressionGate.Parse("accuracy=0.01 log_loss=0.05")), "within its margin");
        Assert.ThrowsExactly<ReproException>(() => RegressionGate.Check(Compare(beyond, production), RegressionGate.Parse("accuracy=0.01")));
        StringAssert.Contains(RegressionGate.Check(Compare(better, production), RegressionGate.Parse("accuracy=0;log_loss=0")), "within its margin");
        Assert.ThrowsExactly<ReproException>(() => RegressionGate.Check(Compare(production, better), RegressionGate.Parse("log_loss=0")));
    }

    [TestMethod]
    public void MarginsAreReadInvariantlyAndBadOnesAreCodedErrors()
    {
        CollectionAssert.AreEqual(
            new[] { new RegressionMargin("accuracy", 0.01), new RegressionMargin("log_loss", 0.05), new RegressionMargin("rmse", 1e-3) },
            RegressionGate.Parse(" accuracy=0.01;log_loss=0.05 rmse=1e-3 ").ToArray());
        Assert.AreEqual(0, RegressionGate.Parse("").Count);

        foreach (var bad in new[] { "accuracy", "accuracy=", "=0.1", "accuracy=-0.01", "accuracy=high", "accuracy=0,01", "accuracy=NaN", "accuracy=1;accuracy=2" })
        {
            Assert.AreEqual(ErrorCode.BadMaxRegression, Assert.ThrowsExactly<ReproException>(() => RegressionGate.Parse(bad), bad).Code, bad);
        }

        var a = Run(0.9, 0.1);
        var split = Assert.ThrowsExactly<ReproException>(() => RegressionGate.RefuseSplitMargins(
            RegressionGate.Parse("accuracy=0.01"), new Dictionary<string, string> { ["LOG_LOSS"] = "0.05", ["Configuration"] = "Release" }, Compare(a, a)));
        Assert.AreEqual(ErrorCode.BadMaxRegression, split.Code);
        StringAssert.Contains(split.Message, "the build also has the property LOG_LOSS=0.05: MSBuild split -p:MaxRegression");
        RegressionGate.RefuseSplitMargins(RegressionGate.Parse("accuracy=0.01 log_loss=0.05"), new Dictionary<string, string> { ["log_loss"] = "1" }, Compare(a, a));

        var missing = Assert.ThrowsExactly<ReproException>(() => RegressionGate.Check(Compare(a, a), RegressionGate.Parse("f1=0.1")));
        Assert.AreEqual(ErrorCode.GatedMetricMissing, missing.Code);
        StringAssert.Contains(missing.Message, $"A ({a}) has accuracy, log_loss; B ({a}) has accuracy, log_loss");
    }

    [TestMethod]
    public void GroupsAreComparedByMeanAndDeviationWithWelchsTest()
    {
        var candidate = Group(Five);
        var baseline = Group(Six);

        var comparison = Compare(candidate, baseline);

        var accuracy = comparison.Metric("accuracy")!;
        Assert.AreEqual(MetricSummary.Of("accuracy", Five), accuracy.A);
        Assert.AreEqual(MetricSummary.Of("accuracy", Six), accuracy.B);
        Assert.AreEqual(WelchTest.PValue(Five, Six)!.Value, accuracy.PValue!.Value, 1e-15);
        Assert.AreEqual(0.05182893331869755, accuracy.PValue!.Value, 1e-9);
        Assert.IsFalse(comparison.Parameters.Any(p => p.Name == "seed"), "a group's seeds differ run by run");

        var report = ComparisonReport.Render(comparison);
        StringAssert.Contains(report, $"Compare A: group {candidate} (iris-forest, 5 completed runs)");
        StringAssert.Contains(report, "p (Welch)");
        StringAssert.Matches(report, new System.Text.RegularExpressions.Regex(@"accuracy\s+0\.94 ± 0\.0316 \(5\)\s+0\.901667 ± 0\.0172 \(6\)\s+\+0\.0383333\s+better\s+0\.0518"));

        // The gate goes by the means.
        StringAssert.Contains(RegressionGate.Check(comparison, RegressionGate.Parse("accuracy=0")), "within its margin");
        StringAssert.Contains(Assert.ThrowsExactly<ReproException>(() => RegressionGate.Check(Compare(baseline, candidate), RegressionGate.Parse("accuracy=0.01"))).Message,
            "mean accuracy 0.901667 against 0.94");
    }

    [TestMethod]
    public void ASingleRunAgainstAGroupIsASampleOfOne()
    {
        var run = Run(0.93, 0.1);
        var group = Group(Five);

        var accuracy = Compare(run, group).Metric("accuracy")!;

        Assert.AreEqual(1, accuracy.A!.Count);
        Assert.IsNull(accuracy.A.StandardDeviation);
        Assert.IsNull(accuracy.PValue);
        StringAssert.Matches(ComparisonReport.Render(Compare(run, group)), new System.Text.RegularExpressions.Regex(@"accuracy\s+0\.93 \(1\)\s+0\.94 ± 0\.0316 \(5\)\s+-0\.01\s+worse\s+—"));
    }

    [TestMethod]
    public void AModelAliasNamesItsRunOrItsGroup()
    {
        var production = Run(0.9, 0.1);
        var group = Group(Five);
        Registry.Register("iris", n => Version(n, production));
        Registry.Register("iris", n => Version(n, Read(group).Members[0].RunId) with { Group = group });
        Registry.Promote("iris", 1, "production", DateTimeOffset.UnixEpoch);
        Registry.Promote("iris", 2, "candidate", DateTimeOffset.UnixEpoch);

        var side = Resolve("iris@production");
        Assert.AreEqual(production, side.Representative.RunId);
        StringAssert.StartsWith(side.Label, $"iris@production: version 1, run {production}");
        Assert.AreEqual(production, Resolve("iris@1").Representative.RunId);

        var grouped = Resolve("iris@candidate");
        Assert.AreEqual(group, grouped.Group!.GroupId);
        Assert.AreEqual(5, grouped.Runs.Count);
        StringAssert.Contains(RegressionGate.Check(Comparer.Compare(grouped, Resolve("iris@production")), RegressionGate.Parse("accuracy=0")), "within its margin");
    }

    [TestMethod]
    public void ASweepIsComparedAtTheRegisteredPointElseItsBest()
    {
        var sweep = Group([0.80, 0.81, 0.95, 0.96], sweep: ["50", "50", "100", "100"], bestPoint: 1);
        var lowPoint = Read(sweep).Points[0].Runs[1];
        Registry.Register("iris", n => Version(n, lowPoint) with { Group = sweep });

        var best = Resolve(sweep);
        CollectionAssert.AreEqual(new[] { 0.95, 0.96 }, best.Values("accuracy")!.ToArray());
        StringAssert.Contains(best.Label, "a sweep over Trees, compared at Trees=100, 2 completed runs");
        var registered = Resolve("iris@1");
        CollectionAssert.AreEqual(new[] { 0.80, 0.81 }, registered.Values("accuracy")!.ToArray());
        Assert.AreEqual(new ParameterDifference("Trees", "50", "100"), Comparer.Compare(registered, best).Parameters.Single());
    }

    [TestMethod]
    public void BadReferencesAreCodedErrors()
    {
        var run = Run(0.9, 0.1);
        var failed = Run(0.9, 0.1, r => r with { Status = RunStatus.Failed, Error = new ErrorRecord("REPRO0006", "crashed") });
        Registry.Register("iris", n => Version(n, run));

        Assert.AreEqual(ErrorCode.NoComparisonSide, Code(" "));
        StringAssert.Contains(Assert.ThrowsExactly<ReproException>(() => ComparisonSide.Resolve(Store, Registry, null, "-p:Against")).Message, "-p:Against is missing");
        Assert.AreEqual(ErrorCode.BadComparisonReference, Code("iris"));
        Assert.AreEqual(ErrorCode.BadComparisonReference, Code("iris@"));
        Assert.AreEqual(ErrorCode.BadComparisonReference, Code("@production"));
        Assert.AreEqual(ErrorCode.BadComparisonReference, Code("../runs/x"));
        Assert.AreEqual(ErrorCode.UnknownModel, Code("wine@production"));
        Assert.AreEqual(ErrorCode.UnknownVersion, Code("iris@staging"));
        Assert.AreEqual(ErrorCode.NothingToCompare, Code(failed));
        var mistyped = run[..^1] + (run[^1] == '0' ? '1' : '0');
        var unknown = Assert.ThrowsExactly<ReproException>(() => Resolve(mistyped));
        Assert.AreEqual(ErrorCode.UnknownRun, unknown.Code);
        StringAssert.Contains(unknown.Message, "The nearest ids: " + run);
    }

    private ComparisonResult Compare(string a, string b) => Comparer.Compare(Resolve(a), Resolve(b));

    private ComparisonSide Resolve(string reference) => ComparisonSide.Resolve(Store, Registry, reference, "-p:RunId");

    private string Code(string reference) => Assert.ThrowsExactly<ReproException>(() => Resolve(reference)).Code;

    private GroupRecord Read(string groupId) => new GroupStore(Store).Read(groupId);

    private static ModelVersion Version(int n, string runId) =>
        new("iris", n, runId, "iris-forest", "runs/" + runId, new(StringComparer.Ordinal), null, false, DateTimeOffset.UnixEpoch);

    /// <summary>An intact, completed run folder (config.json hashed into run.json) with these metrics; returns its id.</summary>
    private string Run(double accuracy, double logLoss, Func<RunRecord, RunRecord>? change = null)
    {
        var id = RunId.New(DateTimeOffset.UnixEpoch.AddYears(56).AddMinutes(++_runs));
        var folder = Directory.CreateDirectory(Path.Combine(Store.Directory, id)).FullName;
        File.WriteAllText(Path.Combine(folder, RunFiles.Config), "{}");
        var record = TestRecords.Completed() with
        {
            RunId = id,
            Metrics = new(StringComparer.Ordinal) { ["accuracy"] = accuracy, ["log_loss"] = logLoss },
            Artifacts = [],
            Files = new RecordFiles(FileHash.Sha256(Path.Combine(folder, RunFiles.Config)), null),
        };
        RecordJson.WriteRecord(Path.Combine(folder, RunFiles.Run), change?.Invoke(record) ?? record);
        return id;
    }

    /// <summary>A group of one run per accuracy, seeds 1, 2, …; with <paramref name="sweep"/>, each run's value of Trees.</summary>
    private string Group(double[] accuracies, string[]? sweep = null, int? bestPoint = null)
    {
        var members = accuracies.Select((accuracy, i) =>
        {
            var point = sweep is null ? TestRecords.Params() : TestRecords.Params(("Trees", sweep[i]));
            var id = Run(accuracy, 0.1, r => r with { Seed = i + 1, Params = point });
            return new GroupMember(id, i + 1, point, RunStatus.Completed, new(StringComparer.Ordinal) { ["accuracy"] = accuracy, ["log_loss"] = 0.1 });
        }).ToArray();
        var groupId = RunId.New(DateTimeOffset.UnixEpoch.AddYears(57).AddMinutes(++_runs));
        new GroupStore(Store).Write(new GroupRecord
        {
            GroupId = groupId,
            Experiment = "iris-forest",
            Seeds = [.. members.Select(m => m.Seed).Distinct()],
            Sweep = sweep is null ? [] : [new SweepAxis("Trees", [.. sweep.Distinct()])],
            Members = members,
            Points = GroupStatistics.Points(members),
            BestPoint = bestPoint,
            Git = new GitRecord(new string('a', 40), false, "main", null),
            StartedAt = DateTimeOffset.UnixEpoch,
            Command = "dotnet build Iris.csproj -t:Train -p:Seeds=5",
        });
        return groupId;
    }
}
