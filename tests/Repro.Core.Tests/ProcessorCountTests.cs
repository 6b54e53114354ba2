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
        var threads = Plan(new(null, MLNet), Spec()).Threads!;
        Assert.AreEqual(1, threads.ProcessorCount);
        Assert.AreEqual("1", threads.OmpNumThreads);
        Assert.AreEqual("ML.NET 5.0.1 (through project Pipeline) found: Repro's default for a program that runs ML.NET", threads.PinnedBy);
    }

    [TestMethod]
    public void MetadataWinsOverTheProjectDefaultAndTheMLNetDefault()
    {
        var plan = Plan(new("4", MLNet), Spec(("ProcessorCount", "16")));
        Assert.AreEqual(16, plan.Threads!.ProcessorCount);
        Assert.AreEqual("ProcessorCount=\"16\" on the experiment", plan.Threads.PinnedBy);
        Assert.IsFalse(plan.Params.ContainsKey("ProcessorCount"), "ProcessorCount is Repro's, not a parameter of the program");
    }

    [TestMethod]
    public void TheProjectDefaultAppliesToExperimentsThatSayNothing()
    {
        var threads = Plan(new(" 8 ", null), Spec()).Threads!;
        Assert.AreEqual(8, threads.ProcessorCount);
        Assert.AreEqual("ReproProcessorCount=8", threads.PinnedBy);
    }

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
        var (_, errors) = ExperimentPlanner.Plan([Spec()], CommandLineOverrides.None, Path.GetTempPath(), new("many", null));
        Assert.AreEqual(ErrorCode.BadProcessorCount, errors.Single().Code);
        StringAssert.Contains(errors.Single().Message, "ReproProcessorCount is \"many\"");
    }

    [TestMethod]
    public void ThePinnedCountReachesDotnetAndOpenMp()
    {
        var variables = ThreadSettings.Pinned(16, "a test").Variables();
        Assert.AreEqual("16", variables[ThreadSettings.ProcessorCountVariable]);
        Assert.AreEqual("16", variables[ThreadSettings.OmpNumThreadsVariable]);
        Assert.IsFalse(ThreadSettings.Pinned(16, "a test").Removes(ThreadSettings.OmpNumThreadsVariable));
    }

    [TestMethod]
    public void AReproductionOfARunWithoutOmpNumThreadsRemovesIt()
    {
        var recorded = new ThreadSettings(2, null);
        Assert.IsFalse(recorded.Variables().ContainsKey(ThreadSettings.OmpNumThreadsVariable));
        Assert.IsTrue(recorded.Removes(ThreadSettings.OmpNumThreadsVariable));
        Assert.IsFalse(recorded.Removes(ThreadSettings.ProcessorCountVariable));
    }

    private static readonly MLNetUse MLNet = new("5.0.1", "project Pipeline", HasReproMLNet: true);

    private static RunPlan Plan(ProcessorCountPolicy policy, ExperimentSpec spec)
    {
        var (plans, errors) = ExperimentPlanner.Plan([spec], CommandLineOverrides.None, Path.GetTempPath(), policy);
        Assert.IsEmpty(errors, string.Join("; ", errors.Select(e => e.Message)));
        return plans.Single();
    }

    private static ExperimentSpec Spec(params (string Name, string Value)[] metadata) =>
        new("e", new Dictionary<string, string>(metadata.Append(("Seed", "1")).ToDictionary(m => m.Item1, m => m.Item2), StringComparer.OrdinalIgnoreCase));
}
