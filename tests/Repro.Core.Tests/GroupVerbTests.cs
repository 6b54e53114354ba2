using Repro.Views;
using Repro.Diagnostics;
using Repro.Fingerprints;
using Repro.Groups;
using Repro.Records;
using Repro.Registry;
using Repro.Reproduction;
using Repro.Runs;

namespace Repro.Core.Tests;

/// <summary>A group id where the verbs take a run id: Runs, Describe, Register, and Reproduce's check.</summary>
[TestClass]
public sealed class GroupVerbTests : StoreFixture
{
    private const string GroupId = "20261122-060000-000-9a9a9a";
    private static readonly string[] MemberIds = ["20261122-060001-000-111111", "20261122-060002-000-222222", "20261122-060003-000-333333"];


    [TestMethod]
    public void RunsListsGroupsWithTheirSizeAndMembersNameTheirGroup()
    {
        var group = WriteGroup();
        Write(TestRecords.Completed("other") with { RunId = "20261122-070000-000-444444" });

        var text = RunListing.Render(Store, Registry, null);

        StringAssert.Contains(text, "Groups, newest first");
        var groupLine = text.Split('\n').Single(l => l.StartsWith("  " + GroupId, StringComparison.Ordinal));
        StringAssert.Contains(groupLine, "3 seeds");
        StringAssert.Contains(groupLine, "3 runs (3 completed)");
        StringAssert.Contains(groupLine, $"accuracy {GroupDescription.MeanAndDeviation(group.Points[0].Statistics["accuracy"])}");
        StringAssert.Contains(text.Split('\n').Single(l => l.Contains(MemberIds[0], StringComparison.Ordinal) && !l.StartsWith("  " + GroupId, StringComparison.Ordinal)), GroupId);
        Assert.IsFalse(RunListing.Render(Store, Registry, "other").Contains("Groups", StringComparison.Ordinal), "-p:Experiment filters groups too");
        Assert.IsFalse(RunListing.Render(Store, Registry, "other").Contains(GroupId, StringComparison.Ordinal), "no group column without members");
    }

    [TestMethod]
    public void DescribeShowsTheMembersAndTheStatisticsOfTheSeeds()
    {
        var group = WriteGroup();

        var text = GroupDescription.Render(group, [], [], "dotnet build -t:Reproduce -p:RunId=" + GroupId);

        StringAssert.Contains(text, $"Group {GroupId}: iris-forest, 3 seeds, 3 runs (3 completed)");
        StringAssert.Contains(text, "seeds         1, 2, 3");
        foreach (var member in MemberIds)
        {
            StringAssert.Contains(text, member);
        }

        var accuracy = group.Points[0].Statistics["accuracy"];
        StringAssert.Contains(text, "95 % CI of the mean");
        StringAssert.Contains(text, $"[{Shown.Number(accuracy.ConfidenceLow!.Value)}, {Shown.Number(accuracy.ConfidenceHigh!.Value)}]");
        StringAssert.Contains(text, "-t:Reproduce -p:RunId=" + GroupId);
    }

    [TestMethod]
    public void AGroupRegistersAsTheFirstSeedsModelBackedByEverySeed()
    {
        WriteGroup();

        var version = Registration.Register(Store, Registry, GroupId, "iris", allowDirty: false, Folder.Path);

        Assert.AreEqual(MemberIds[0], version.RunId);
        Assert.AreEqual(GroupId, version.Group);
        Assert.AreEqual(3, version.GroupMetrics!["accuracy"].Count);
        Assert.AreEqual(0.91, version.Metrics["accuracy"]);
        var read = Registry.Resolve("iris", "1");
        Assert.AreEqual(GroupId, read.Group);
        Assert.AreEqual(version.GroupMetrics["accuracy"], read.GroupMetrics!["accuracy"]);
        StringAssert.Contains(GroupDescription.Backing(read, RunLookup.FindGroup(Store, GroupId)), $"group {GroupId} of 3 runs (3 seeds)");
    }

    [TestMethod]
    public void MemberPicksTheModelByRunIdOrSeed()
    {
        WriteGroup();

        Assert.AreEqual(MemberIds[2], Registration.Register(Store, Registry, GroupId, "iris", false, Folder.Path, member: "3").RunId);
        Assert.AreEqual(MemberIds[1], Registration.Register(Store, Registry, GroupId, "iris", false, Folder.Path, member: MemberIds[1]).RunId);
    }

    [TestMethod]
    public void AMemberThatIsNotOneIsACodedErrorListingTheMembers()
    {
        WriteGroup();

        var message = Assert.ThrowsExactly<ReproException>(() => Registration.Register(Store, Registry, GroupId, "iris", false, Folder.Path, member: "7"));

        Assert.AreEqual(ErrorCode.BadMember, message.Code);
        StringAssert.Contains(message.Message, $"{MemberIds[1]} (seed 2)");
        Assert.AreEqual(ErrorCode.BadMember,
            Assert.ThrowsExactly<ReproException>(() => Registration.Register(Store, Registry, MemberIds[0], "iris", false, Folder.Path, member: "1")).Code);
        Assert.AreEqual(0, Registry.Models().Count, "nothing was registered");
    }

    [TestMethod]
    public void ADamagedMemberMakesTheGroupUnregistrableAndIsNamed()
    {
        WriteGroup();
        File.AppendAllText(Path.Combine(Store.Directory, MemberIds[1], RunFiles.Config), " ");

        var error = Assert.ThrowsExactly<ReproException>(() => Registration.Register(Store, Registry, GroupId, "iris", false, Folder.Path));

        Assert.AreEqual(ErrorCode.NotRegistrable, error.Code);
        StringAssert.Contains(error.Message, $"member {MemberIds[1]} (seed 2) of group '{GroupId}'");
        var check = Assert.ThrowsExactly<ReproException>(() => GroupReproduction.Open(Store, RunLookup.FindGroup(Store, GroupId)!, new ReproduceRequest(GroupId, null, false, false, "Debug")));
        Assert.AreEqual(ErrorCode.DamagedRecord, check.Code);
        StringAssert.Contains(check.Message, MemberIds[1]);
    }

    [TestMethod]
    public void AGroupIdIsFoundAndWhereOneRunIsNeededItNamesTheMembers()
    {
        WriteGroup();

        Assert.AreEqual(GroupId, RunLookup.FindGroup(Store, GroupId)!.GroupId);
        Assert.IsNull(RunLookup.FindGroup(Store, MemberIds[0]));
        Assert.IsNull(RunLookup.FindGroup(Store, "../groups"));
        var error = Assert.ThrowsExactly<ReproException>(() => RunLookup.Find(Store, GroupId));
        Assert.AreEqual(ErrorCode.GroupNotARun, error.Code);
        StringAssert.Contains(error.Message, $"-p:RunId={MemberIds[0]}");
        Assert.AreEqual(3, GroupReproduction.Open(Store, RunLookup.FindGroup(Store, GroupId)!, new ReproduceRequest(GroupId, null, false, false, "Debug")).Count);
        StringAssert.Contains(Assert.ThrowsExactly<ReproException>(() => RunLookup.Find(Store, GroupId[..^1] + "b")).Message, GroupId);
    }

    /// <summary>Three intact members of seeds 1, 2, 3 and their group.json, as Train leaves them.</summary>
    private GroupRecord WriteGroup()
    {
        double[] accuracies = [0.91, 0.93, 0.96];
        var members = MemberIds.Select((id, i) =>
        {
            var record = TestRecords.Completed() with
            {
                RunId = id,
                Group = GroupId,
                Seed = i + 1,
                Metrics = new(StringComparer.Ordinal) { ["accuracy"] = accuracies[i], ["log_loss"] = 0.1 * (i + 1) },
            };
            Write(record);
            return new GroupMember(id, record.Seed, new(StringComparer.Ordinal), RunStatus.Completed, record.Metrics);
        }).ToArray();
        var group = new GroupRecord
        {
            GroupId = GroupId,
            Experiment = "iris-forest",
            Seeds = [1, 2, 3],
            Sweep = [],
            Members = members,
            Points = GroupStatistics.Points(members),
            RankedBy = "accuracy",
            BestRun = MemberIds[2],
            Git = TestRecords.Completed().Git,
            StartedAt = DateTimeOffset.UnixEpoch,
            Command = "dotnet build Iris.csproj -t:Train -p:Seeds=3",
        };
        new GroupStore(Store).Write(group);
        return group;
    }

    /// <summary>A completed run with its config.json and a record whose hashes match.</summary>
    private void Write(RunRecord record)
    {
        var folder = Directory.CreateDirectory(Path.Combine(Store.Directory, record.RunId)).FullName;
        var config = Path.Combine(folder, RunFiles.Config);
        RecordJson.WriteConfig(config, new RunConfig
        {
            RunId = record.RunId,
            Experiment = record.Experiment,
            Seed = record.Seed,
            Params = new(StringComparer.Ordinal),
            Data = ["data/iris.csv"],
        });
        RecordJson.WriteRecord(Path.Combine(folder, RunFiles.Run), record with { Artifacts = [], Files = new RecordFiles(FileHash.Sha256(config), null) });
    }
}
