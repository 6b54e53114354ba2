using Repro.Diagnostics;
using Repro.Experiments;
using Repro.Groups;
using Repro.Reproduction;
using Repro.Runs;
using Repro.Sharding;
using Repro.SourceControl;

namespace Repro.Core.Tests;

/// <summary>-p:Shard: every planned run in exactly one slice, the same slices whatever the order, and sharded groups' ids.</summary>
[TestClass]
public sealed class ShardTests
{
    private static readonly string Commit = new('a', 40);

    [TestMethod]
    public void EverySliceCoversThePlanOnceAndTheSlicesDifferByOneRunAtMost()
    {
        foreach (var plans in Shapes())
        {
            foreach (var count in new[] { 1, 2, 3, 4, 7, plans.Count + 3 })
            {
                var slices = Enumerable.Range(1, count).Select(i => new Shard(i, count).Select(plans)).ToArray();

                var all = slices.SelectMany(s => s).ToArray();
                Assert.HasCount(plans.Count, all, $"{count} slices of {plans.Count} plans");
                CollectionAssert.AreEquivalent(plans.ToArray(), all, "each plan once");
                Assert.IsLessThanOrEqualTo(1, slices.Max(s => s.Count) - slices.Min(s => s.Count), "balanced");
                foreach (var slice in slices)
                {
                    CollectionAssert.AreEqual(plans.Where(slice.Contains).ToArray(), slice.ToArray(), "in plan order");
                }
            }
        }
    }

    [TestMethod]
    public void TheSlicesDoNotDependOnTheOrderOfThePlans()
    {
        var plans = Shapes()[^1];
        IReadOnlyList<RunPlan>[] orders = [plans, plans.Reverse().ToArray(), plans.Where((_, i) => i % 2 == 0).Concat(plans.Where((_, i) => i % 2 == 1)).ToArray()];

        for (var i = 1; i <= 4; i++)
        {
            var keys = orders.Select(order => new Shard(i, 4).Select(order).Select(Shard.Key).Order(StringComparer.Ordinal).ToArray()).ToArray();
            CollectionAssert.AreEqual(keys[0], keys[1], $"slice {i}/4, plans reversed");
            CollectionAssert.AreEqual(keys[0], keys[2], $"slice {i}/4, plans interleaved");
        }
    }

    [TestMethod]
    public void TheKeyIsTheRunNotTheMachineNorTheOrderOfParameters()
    {
        var one = Plan("forest", 1, ("Trees", "10"), ("MaxDepth", "3"));
        var same = one with { Params = new(one.Params.Reverse().ToDictionary(p => p.Key, p => p.Value), StringComparer.Ordinal), Threads = new Threads.ThreadSettings(4, null) };

        Assert.AreEqual(Shard.Key(one), Shard.Key(same));
        Assert.AreNotEqual(Shard.Key(one), Shard.Key(Plan("forest", 2, ("Trees", "10"), ("MaxDepth", "3"))));
        Assert.AreNotEqual(Shard.Key(one), Shard.Key(one with { TestSize = 0.3 }));
        Assert.AreNotEqual(Shard.Key(one), Shard.Key(Plan("forest", 1, ("Trees", "10"), ("MaxDepth", "5"))));
    }

    [TestMethod]
    public void ShardReadsIOfNAndRefusesAnythingElse()
    {
        Assert.AreEqual(new Shard(2, 4), Shard.Parse("2/4"));
        Assert.AreEqual(new Shard(1, 1), Shard.Parse(" 1/1 "));
        Assert.IsNull(Shard.Parse(""));
        Assert.IsNull(Shard.Parse(null));
        foreach (var bad in new[] { "0/4", "5/4", "a/b", "1/0", "1", "1/2/3", "-1/4", "1/ 4x" })
        {
            var error = Assert.ThrowsExactly<ReproException>(() => Shard.Parse(bad), bad);
            Assert.AreEqual("REPRO0086", error.Code, bad);
            StringAssert.Contains(error.Message, "-p:Shard=1/4");
        }

        Assert.AreEqual("shard 2/4: 3 of 12 planned runs", new Shard(2, 4).Describe(3, 12));
    }

    [TestMethod]
    public void AShardedGroupsIdIsTheSameOnEveryShardAndARunIdByShape()
    {
        var plans = Group("weights", [1, 2, 3, 4, 5]);
        var group = plans[0].Group!;
        var git = new GitStamp(Commit, false, "main", null, null);
        var committed = new DateTimeOffset(2026, 11, 22, 5, 15, 30, TimeSpan.Zero);

        // Each shard knows every planned run, in the order its project lists them; only the slices differ.
        var first = ShardedGroupId.For(group, plans, 2, git, committed);
        var second = ShardedGroupId.For(group, plans.AsEnumerable().Reverse(), 2, git, committed);

        Assert.AreEqual(first, second);
        Assert.IsTrue(RunId.IsValid(first), first);
        StringAssert.StartsWith(first, "20261122-051530-000-");
        Assert.AreNotEqual(first, ShardedGroupId.For(group, plans, 2, git with { Commit = new string('b', 40) }, committed), "another commit");
        Assert.AreNotEqual(first, ShardedGroupId.For(group, plans.Take(4), 2, git, committed), "another plan");
        Assert.AreNotEqual(first, ShardedGroupId.For(group, plans, 4, git, committed), "another matrix");
        StringAssert.StartsWith(ShardedGroupId.For(group, plans, 2, GitStamp.Unknown("no git"), null), "19700101-000000-000-");
    }

    /// <summary>Plan shapes: one run; runs alone and a seed group; and a sweep beside them.</summary>
    private static List<IReadOnlyList<RunPlan>> Shapes() =>
    [
        [Plan("alone", 42)],
        [Plan("alone", 42), Plan("other", 7), .. Group("weights", [1, 2, 3, 4, 5])],
        [Plan("alone", 42), .. Group("weights", [3, 1, 2]), .. Sweep("grid", [1, 2], new SweepAxis("Trees", ["10", "50", "100"]), new SweepAxis("MaxDepth", ["3", "5"]))],
    ];

    private static RunPlan Plan(string experiment, long seed, params (string Name, string Value)[] parameters) =>
        new(experiment, seed, 0.2, TestRecords.Params(parameters), ["data/iris.csv"], [], ToleranceSpec.Standard);

    internal static RunPlan[] Group(string experiment, long[] seeds)
    {
        var group = new GroupPlan(experiment, seeds, [], null, null);
        return seeds.Select(seed => Plan(experiment, seed) with { Group = group }).ToArray();
    }

    private static RunPlan[] Sweep(string experiment, long[] seeds, params SweepAxis[] axes)
    {
        var group = new GroupPlan(experiment, seeds, axes, "accuracy", null);
        return SweepGrid.Points(axes).SelectMany(point => seeds.Select(seed =>
            Plan(experiment, seed, point.Select(p => (p.Key, p.Value)).ToArray()) with { Group = group, Point = point })).ToArray();
    }
}
