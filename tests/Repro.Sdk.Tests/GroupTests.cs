using Repro.Groups;
using Repro.Records;
using Repro.Runs;
using Repro.Sdk.Tests.Infrastructure;

namespace Repro.Sdk.Tests;

/// <summary>A group id in the verbs: Reproduce re-runs every member and names the one that diverged; Register and Describe take it.</summary>
[TestClass]
public sealed class GroupTests
{
    private const string Experiments = """
            <Experiment Include="weights" Seed="42" Data="data/numbers.csv" />
        """;

    /// <summary>The seed is also how many data rows the program reads, so a change to one row shows in some members only.</summary>
    private static readonly string Program = ExperimentProject.ProgramSource.Replace(".Skip(1).Select(", ".Skip(1).Take((int)run.Seed).Select(", StringComparison.Ordinal);

    [TestMethod]
    public void AGroupReproducesAndFailsNamingTheMemberWhoseDataChanged()
    {
        var project = ExperimentProject.Create(Experiments, program: Program);
        var (groupId, members) = SeedGroup(project, "weights", 1, 2, 3);

        var passed = project.Reproduce(groupId).Succeeded().Output;
        StringAssert.Contains(passed, $"Group {groupId} (weights): 3 of 3 members reproduced");
        var register = project.Dotnet("build", "-t:Register", "-p:RunId=" + groupId, "-p:Model=demo", "-p:Member=2").Succeeded().Output;
        StringAssert.Contains(register, $"registered group {groupId} as demo version 1, the model of member {members[1]}");
        var describe = project.Dotnet("build", "-t:Describe", "-p:RunId=" + groupId).Succeeded().Output;
        StringAssert.Contains(describe, "registered as demo version 1");
        var runs = project.Dotnet("build", "-t:Runs").Succeeded().Output;
        StringAssert.Contains(runs.Split('\n').Single(line => line.Contains("  " + groupId + "  ", StringComparison.Ordinal)), "3 runs (3 completed)");
        var version = project.Dotnet("build", "-t:Describe", "-p:Model=demo", "-p:Version=1").Succeeded().Output;
        StringAssert.Contains(version, $"backed by     group {groupId} of 3 runs (3 seeds)");

        // The third row: only the member of seed 3 reads it.
        project.Write("data/numbers.csv", "value\n1.5\n2.25\n-4\n4\n10.125\n");
        var failed = project.Reproduce(groupId).FailedWith("REPRO0070").Output;

        var error = failed.Split('\n').First(line => line.Contains("error REPRO0070", StringComparison.Ordinal));
        StringAssert.Contains(error, $"1 of 3 members did not ({members[2]})");
        StringAssert.Contains(error, $"Member {members[2]} (seed 3)");
        StringAssert.Contains(error, "data/numbers.csv changed: sha256");
        Assert.IsFalse(error.Contains(members[0], StringComparison.Ordinal), error);
        StringAssert.Contains(failed, $"{members[0]} (seed 1)  reproduced");
    }

    /// <summary>
    /// A seed group as Train will make it: one run per seed, each naming the group, and group.json. Until Train makes
    /// groups, the runs are trained one by one and the group is written here; this is the one place to replace.
    /// </summary>
    private static (string GroupId, string[] Members) SeedGroup(ExperimentProject project, string experiment, params long[] seeds)
    {
        var store = new RunStore(project.RunsDirectory);
        var groupId = RunId.New(DateTimeOffset.UtcNow);
        var members = seeds.Select(seed =>
        {
            var runId = project.TrainRun(experiment, "-p:Seed=" + seed);
            var record = RecordJson.ReadRecord(Path.Combine(store.Directory, runId, "run.json"));
            return new GroupMember(runId, seed, new(StringComparer.Ordinal), record.Status, record.Metrics);
        }).ToArray();
        var first = RecordJson.ReadRecord(Path.Combine(store.Directory, members[0].RunId, "run.json"));
        new GroupStore(store).Write(new GroupRecord
        {
            GroupId = groupId,
            Experiment = experiment,
            Seeds = seeds,
            Sweep = [],
            Members = members,
            Points = GroupStatistics.Points(members),
            Git = first.Git,
            StartedAt = first.StartedAt,
            Command = first.Command,
        });
        return (groupId, members.Select(m => m.RunId).ToArray());
    }
}
