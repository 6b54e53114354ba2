using System.Text.RegularExpressions;
using Repro.Groups;
using Repro.Runs;
using Repro.Sdk.Tests.Infrastructure;

namespace Repro.Sdk.Tests;

/// <summary>
/// A seed group trained as two shards on two checkouts of one commit, as a CI matrix trains it: each trains half the
/// members under the same group id, and the group is recorded once the runs of both meet in one run store.
/// </summary>
[TestClass]
public sealed class ShardTests
{
    [TestMethod]
    public void TwoShardsTrainHalfASeedGroupEachUnderOneGroupIdAndItIsRecordedWhenTheyMeet()
    {
        Console.WriteLine("ShardTests: a seed group of 4 as shards 1/2 and 2/2, then its members brought together…");
        var first = ExperimentProject.Create("""<Experiment Include="weights" Seeds="1;2;3;4" Data="data/numbers.csv" />""");
        var second = first.Clone();

        var one = first.Train("-p:Shard=1/2").Succeeded().Output;
        var two = second.Train("-p:Shard=2/2").Succeeded().Output;

        StringAssert.Contains(one, "shard 1/2: 2 of 4 planned runs");
        StringAssert.Contains(two, "shard 2/2: 2 of 4 planned runs");
        var groupId = PendingGroup(one);
        Assert.AreEqual(groupId, PendingGroup(two), "both shards name the group alike");
        Assert.IsFalse(new GroupStore(new RunStore(first.RunsDirectory)).Exists(groupId), "no shard holds the whole group");
        StringAssert.Contains(first.Dotnet("build", "-t:Runs").Succeeded().Output,
            $"{groupId}  weights     incomplete: 2 of 4 members here; the rest are trained by other shards — Pull them");

        // As the matrix does it: every shard pushes, then one checkout pulls and the group is recorded there.
        var remote = Directory.CreateDirectory(Path.Combine(first.Feed.Root, "remotes", Guid.NewGuid().ToString("N"))).FullName;
        first.Dotnet("build", "-t:Push", "-p:ReproRemote=" + remote).Succeeded();
        StringAssert.Contains(second.Dotnet("build", "-t:Push", "-p:ReproRemote=" + remote).Succeeded().Output, "2 run(s) published");
        var pulled = first.Dotnet("build", "-t:Pull", "-p:ReproRemote=" + remote).Succeeded().Output;
        StringAssert.Contains(pulled, "2 run(s) and 0 group(s) brought");
        StringAssert.Contains(pulled, $"recorded group {groupId}");

        var group = new GroupStore(new RunStore(first.RunsDirectory)).Read(groupId);
        Assert.AreEqual(groupId, group.GroupId);
        CollectionAssert.AreEqual(new long[] { 1, 2, 3, 4 }, group.Members.Select(m => m.Seed).ToArray());
        Assert.AreEqual(4, group.Points.Single().Statistics["score"].Count, "statistics over both shards' members");
        var runs = first.Dotnet("build", "-t:Runs").Succeeded().Output;
        StringAssert.Contains(runs.Split('\n').Single(line => line.Contains("  " + groupId + "  ", StringComparison.Ordinal)), "4 runs (4 completed)");
        Assert.IsFalse(runs.Contains("not recorded yet", StringComparison.Ordinal), runs);
    }

    private static string PendingGroup(string output) =>
        Regex.Match(output, @"group (\d{8}-\d{6}-\d{3}-[0-9a-f]{6}) of weights: 2 of 4 members trained by shard") is { Success: true } match
            ? match.Groups[1].Value
            : throw new AssertFailedException("Train named no pending group:\n" + output);
}
