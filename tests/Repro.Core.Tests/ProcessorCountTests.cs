using Repro.Diagnostics;
using Repro.Experiments;
using Repro.Threads;

namespace Repro.Core.Tests;

[TestClass]
public sealed class ProcessorCountTests
{
    [TestMethod]
    public void AProjectWithoutMLNetRunsAtTheMachinesCount() =>
        Assert.IsNull(Plan(ProcessorCountPolicy.Machine, Spec()).Threads);

    [TestMethod]
    public void AProjectWithMLNetIsPinnedToOneProcessor()
    {
        var threads = Plan(new(null, UsesMLNet: true), Spec()).Threads!;
        Assert.AreEqual(1, threads.ProcessorCount);
        Assert.AreEqual("1", threads.OmpNumThreads);
    }

    [TestMethod]
    public void MetadataWinsOverTheProjectDefaultAndTheMLNetDefault()
    {
        var plan = Plan(new("4", UsesMLNet: true), Spec(("ProcessorCount", "16")));
        Assert.AreEqual(16, plan.Threads!.ProcessorCount);
        Assert.IsFalse(plan.Params.ContainsKey("ProcessorCount"), "ProcessorCount is Repro's, not a parameter of the program");
    }

    [TestMethod]
    public void TheProjectDefaultAppliesToExperimentsThatSayNothing() =>
        Assert.AreEqual(8, Plan(new(" 8 ", UsesMLNet: false), Spec()).Threads!.ProcessorCount);

    [TestMethod]
    [DataRow("0")]
    [DataRow("-2")]
    [DataRow("two")]
    [DataRow("1.5")]
    [DataRow("65536")]
    public void ABadCountIsACodedError(string count)
    {
        var (plans, errors) = ExperimentPlanner.Plan([Spec(("ProcessorCount", count))], CommandLineOverrides.None, Path.GetTempPath(), ProcessorCountPolicy.Machine);
        Assert.IsEmpty(plans);
        Assert.AreEqual(ErrorCode.BadProcessorCount, errors.Single().Code);
        StringAssert.Contains(errors.Single().Message, $"experiment 'e' has ProcessorCount=\"{count}\"");
    }

    [TestMethod]
    public void ABadProjectDefaultIsNamed()
    {
        var (_, errors) = ExperimentPlanner.Plan([Spec()], CommandLineOverrides.None, Path.GetTempPath(), new("many", false));
        Assert.AreEqual(ErrorCode.BadProcessorCount, errors.Single().Code);
        StringAssert.Contains(errors.Single().Message, "ReproProcessorCount is \"many\"");
    }

    [TestMethod]
    public void ThePinnedCountReachesDotnetAndOpenMp()
    {
        var variables = ThreadSettings.Pinned(16).Variables();
        Assert.AreEqual("16", variables[ThreadSettings.ProcessorCountVariable]);
        Assert.AreEqual("16", variables[ThreadSettings.OmpNumThreadsVariable]);
        Assert.IsFalse(ThreadSettings.Pinned(16).Removes(ThreadSettings.OmpNumThreadsVariable));
    }

    [TestMethod]
    public void AReproductionOfARunWithoutOmpNumThreadsRemovesIt()
    {
        var recorded = new ThreadSettings(2, null);
        Assert.IsFalse(recorded.Variables().ContainsKey(ThreadSettings.OmpNumThreadsVariable));
        Assert.IsTrue(recorded.Removes(ThreadSettings.OmpNumThreadsVariable));
        Assert.IsFalse(recorded.Removes(ThreadSettings.ProcessorCountVariable));
    }

    private static RunPlan Plan(ProcessorCountPolicy policy, ExperimentSpec spec)
    {
        var (plans, errors) = ExperimentPlanner.Plan([spec], CommandLineOverrides.None, Path.GetTempPath(), policy);
        Assert.IsEmpty(errors, string.Join("; ", errors.Select(e => e.Message)));
        return plans.Single();
    }

    private static ExperimentSpec Spec(params (string Name, string Value)[] metadata) =>
        new("e", new Dictionary<string, string>(metadata.Append(("Seed", "1")).ToDictionary(m => m.Item1, m => m.Item2), StringComparer.OrdinalIgnoreCase));
}
