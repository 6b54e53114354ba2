using Repro.Views;
using Repro.Fingerprints;
using Repro.Groups;
using Repro.Records;
using Repro.Registry;
using Repro.Sharding;

namespace Repro.Core.Tests;

/// <summary>A group whose members shards trained apart is recorded once they all meet in one run store, over all of them.</summary>
[TestClass]
public sealed class GroupCompletionTests : StoreFixture
{
    private const string GroupId = "20261122-060000-000-5a5a5a";
    private const string OlderGroup = "20261101-060000-000-0b0b0b";
    private static readonly ShardedGroupPlan Plan = new("1/2", 3, [1, 2, 3], [], null, null);
    private static readonly double[] Accuracies = [0.91, 0.93, 0.96];

    [TestMethod]
    public void AGroupIsRecordedOnlyOnceEveryMemberIsHereWithStatisticsOverAll()
    {
        var log = new TestLog();
        Member(1, "20261122-060001-000-111111");
        Member(3, "20261122-060003-000-333333", shard: "2/2");

        Assert.IsEmpty(GroupCompletion.CompleteAll(Store, ProjectFile, log), "two of three members");
        Assert.IsFalse(new GroupStore(Store).Exists(GroupId));
        var survey = GroupCompletion.Survey(Store).Single();
        Assert.AreEqual((GroupId, 2, 3, false), (survey.GroupId, survey.Present, survey.Planned, survey.Complete));
        StringAssert.Contains(RunListing.Render(Store, Registry, null), "incomplete: 2 of 3 members here; the rest are trained by other shards — Pull them");

        // The third, as Pull brings it from the other shard.
        Member(2, "20261122-060002-000-222222", shard: "2/2");
        StringAssert.Contains(RunListing.Render(Store, Registry, null), "complete: all 3 members here; -t:Pull records the group");
        var written = GroupCompletion.CompleteAll(Store, ProjectFile, log);

        var group = written.Single().Record;
        Assert.AreEqual(GroupId, group.GroupId);
        CollectionAssert.AreEqual(new long[] { 1, 2, 3 }, group.Members.Select(m => m.Seed).ToArray(), "plan order, not the order they arrived in");
        var accuracy = group.Points.Single().Statistics["accuracy"];
        Assert.AreEqual(3, accuracy.Count);
        Assert.AreEqual(Accuracies.Average(), accuracy.Mean, 1e-12);
        Assert.AreEqual("accuracy", group.RankedBy);
        Assert.AreEqual("20261122-060003-000-333333", group.BestRun);
        Assert.AreEqual(new DateTimeOffset(2026, 11, 22, 6, 0, 1, TimeSpan.Zero), group.StartedAt, "the first member's start");
        StringAssert.Contains(group.Command, "-p:Seeds=\"1 2 3\"");
        Assert.AreEqual(GroupId, new GroupStore(Store).Read(GroupId).GroupId);
        Assert.IsTrue(File.Exists(Path.Combine(written.Single().Folder, GroupReport.FileName)));

        Assert.IsEmpty(GroupCompletion.CompleteAll(Store, ProjectFile, log), "recorded once");
        Assert.IsTrue(GroupCompletion.Survey(Store).Single().Recorded);
        Assert.IsFalse(RunListing.Render(Store, Registry, null).Contains("not recorded yet", StringComparison.Ordinal));
    }

    [TestMethod]
    public void AMemberUpToDateFromAnotherGroupCountsThroughItsNoteAndARetriedFailureIsReplaced()
    {
        Member(1, "20261122-060001-000-111111");
        // Seed 2 was on record from an older group a Train recorded whole: its shard left a note in its folder.
        var older = Member(2, "20261101-060002-000-222222", groupId: OlderGroup, sharded: false);
        GroupMemberNotes.Write(Path.Combine(older, GroupMemberNote.FileName(GroupId)), new GroupMemberNote(GroupId, "20261101-060002-000-222222", Plan));
        // Seed 3 failed, and its shard was run again.
        Member(3, "20261122-060003-000-333333", status: RunStatus.Failed);
        Member(3, "20261122-070003-000-343434");

        var group = GroupCompletion.CompleteAll(Store, ProjectFile, new TestLog()).Single().Record;

        CollectionAssert.AreEqual(new[] { "20261122-060001-000-111111", "20261101-060002-000-222222", "20261122-070003-000-343434" },
            group.Members.Select(m => m.RunId).ToArray());
        Assert.IsTrue(group.Members[1].UpToDate);
        Assert.IsFalse(group.Members[0].UpToDate);
        Assert.AreEqual(3, GroupText.CompletedCount(group));
        Assert.AreEqual(GroupId, GroupCompletion.Survey(Store).Single().GroupId, "a group Train recorded whole is no sharded group");
    }

    [TestMethod]
    public void TheGroupPlanIsLeftOutOfARunTrainedWithoutAShardAndReadStrictlyWhenThere()
    {
        var alone = Path.Combine(Member(1, "20261122-060001-000-111111", sharded: false), RunFiles.Run);
        var sharded = Path.Combine(Member(2, "20261122-060002-000-222222"), RunFiles.Run);

        Assert.IsFalse(File.ReadAllText(alone).Contains("groupPlan", StringComparison.Ordinal), "run.json as a Train without a shard always wrote it");
        Assert.AreEqual(Plan with { Shard = "1/2" }, RecordJson.ReadRecord(sharded).GroupPlan! with { Seeds = Plan.Seeds, Sweep = Plan.Sweep });
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(sharded))!;
        json["groupPlan"]!["seeds"] = null;
        File.WriteAllText(sharded, json.ToJsonString());
        Assert.AreEqual(Repro.Diagnostics.ErrorCode.DamagedRecord, Assert.ThrowsExactly<Repro.Diagnostics.ReproException>(() => RecordJson.ReadRecord(sharded)).Code);
    }

    [TestMethod]
    public void ASecondSurveyAnswersAnUnchangedFolderFromItsCacheAndSeesEveryChange()
    {
        var first = Member(1, "20261122-060001-000-111111");
        var second = Member(2, "20261101-060002-000-222222", groupId: OlderGroup, sharded: false);
        var third = Member(3, "20261101-060003-000-333333", groupId: OlderGroup, sharded: false);
        Settle();
        Assert.AreEqual(1, GroupCompletion.Survey(Store).Single().Present);
        StringAssert.StartsWith(File.ReadAllText(Store.SurveyCachePath), "repro shard survey 1\n");
        Assert.HasCount(1 + 3, File.ReadAllLines(Store.SurveyCachePath), "a line per settled run");

        // run.json rewritten in place, the folder's time set back: run.json's own time says it changed.
        var run = Path.Combine(second, RunFiles.Run);
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(run))!;
        json["group"] = GroupId;
        json["groupPlan"] = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(first, RunFiles.Run)))!["groupPlan"]!.DeepClone();
        var folderTime = Directory.GetLastWriteTimeUtc(second);
        File.WriteAllText(run, json.ToJsonString());
        Directory.SetLastWriteTimeUtc(second, folderTime);
        Assert.AreEqual(2, GroupCompletion.Survey(Store).Single().Present, "run.json read again");

        // A note added behind the folder's time (set back by hand) is not seen: the cache answered for the folder.
        folderTime = Directory.GetLastWriteTimeUtc(third);
        GroupMemberNotes.Write(Path.Combine(third, GroupMemberNote.FileName(GroupId)), new GroupMemberNote(GroupId, "20261101-060003-000-333333", Plan));
        Directory.SetLastWriteTimeUtc(third, folderTime);
        Assert.AreEqual(2, GroupCompletion.Survey(Store).Single().Present, "answered from the cache");
        // A note added as notes are: the folder's time moves, and the run it names counts at once.
        Directory.SetLastWriteTimeUtc(third, folderTime.AddSeconds(1));
        Assert.AreEqual(3, GroupCompletion.Survey(Store).Single().Present);
        CollectionAssert.DoesNotContain(Store.RunIds().ToArray(), ".cache");
    }

    [TestMethod]
    public void AFolderWrittenJustNowIsNotRememberedAndACacheNotAsWrittenIsIgnored()
    {
        Member(1, "20261122-060001-000-111111");
        Member(2, "20261122-060002-000-222222");
        Assert.AreEqual(2, GroupCompletion.Survey(Store).Single().Present);
        Assert.HasCount(1, File.ReadAllLines(Store.SurveyCachePath), "runs written within the time grain are read again next time");

        foreach (var text in new[] { "repro shard survey 1\n20261122-060001-000-111111\t1\t2\t3\t1\t../run.json\n", "repro shard survey 0\n", "\0\0\0" })
        {
            File.WriteAllText(Store.SurveyCachePath, text);
            Assert.AreEqual(2, GroupCompletion.Survey(Store).Single().Present, text);
        }
    }

    [TestMethod]
    public void GitLeavesTheCacheOut()
    {
        Member(1, "20261122-060001-000-111111");
        Assert.AreEqual(0, Repro.Processes.ChildProcess.Run("git", ["init", "-q"], Folder.Path).ExitCode);
        GroupCompletion.Survey(Store);

        Assert.IsTrue(File.Exists(Store.SurveyCachePath));
        var status = Repro.Processes.ChildProcess.Run("git", ["status", "--porcelain", "--untracked-files=all"], Folder.Path);
        Assert.AreEqual(0, status.ExitCode, status.StandardError);
        StringAssert.Contains(status.StandardOutput, "runs/20261122-060001-000-111111/run.json");
        Assert.IsFalse(status.StandardOutput.Contains(".cache", StringComparison.Ordinal), status.StandardOutput);
    }

    /// <summary>Every run folder and run.json as if written an hour ago: past the time grain within which the survey does not remember.</summary>
    private void Settle()
    {
        var past = DateTime.UtcNow.AddHours(-1);
        foreach (var id in Store.RunIds())
        {
            File.SetLastWriteTimeUtc(Path.Combine(Store.Folder(id), RunFiles.Run), past);
            Directory.SetLastWriteTimeUtc(Store.Folder(id), past);
        }
    }

    private string ProjectFile => Path.Combine(Folder.Path, "Iris.csproj");

    /// <summary>A member run as a shard records it: its group id and the group's plan in run.json.</summary>
    private string Member(long seed, string runId, string shard = "1/2", string status = RunStatus.Completed, string groupId = GroupId, bool sharded = true)
    {
        var folder = Directory.CreateDirectory(Path.Combine(Store.Directory, runId)).FullName;
        var config = Path.Combine(folder, RunFiles.Config);
        RecordJson.WriteConfig(config, new RunConfig { RunId = runId, Experiment = "iris-forest", Seed = seed, Params = new(StringComparer.Ordinal), Data = ["data/iris.csv"] });
        RecordJson.WriteRecord(Path.Combine(folder, RunFiles.Run), TestRecords.Completed() with
        {
            RunId = runId,
            Group = groupId,
            GroupPlan = sharded ? Plan with { Shard = shard } : null,
            Seed = seed,
            Status = status,
            Metrics = status == RunStatus.Completed ? new(StringComparer.Ordinal) { ["accuracy"] = Accuracies[seed - 1] } : new(StringComparer.Ordinal),
            StartedAt = DateTimeOffset.ParseExact(runId[..15], "yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal),
            Artifacts = [],
            Files = new RecordFiles(FileHash.Sha256(config), null),
        });
        return folder;
    }
}
