using Repro.Explanation;
using Repro.Records;
using Repro.Reproduction;

namespace Repro.Core.Tests.Explanation;

[TestClass]
public sealed class InputChangesTests
{
    [TestMethod]
    public void ParametersSeedDataCodeAndThreadsAreOneChangeEachInTheirOrder()
    {
        var a = TestRecords.Completed() with { Params = TestRecords.Params(("Trees", "100"), ("MaxDepth", "5")) };
        var b = a with
        {
            Params = TestRecords.Params(("Trees", "50")),
            Seed = 7,
            Data = [new Fingerprints.FileFingerprint("data/iris.csv", new string('9', 64), 3800)],
            Git = a.Git with { Commit = new string('b', 40) },
            Program = a.Program with { Sha256 = new string('8', 64) },
            Environment = a.Environment with { ProcessorCount = a.Environment.ProcessorCount + 1 },
        };

        var changes = InputChanges.Between(a, b, RunComparison.Inputs(a, b));

        Assert.AreEqual(
            string.Join(" | ", new[] { "MaxDepth 5 → (none)", "Trees 100 → 50", "seed 42 → 7", "data/iris.csv (size 3,858 → 3,800 bytes)", "code aaaaaaa → bbbbbbb (program: the recorded run predates per-file program hashes)", $"processor count {a.Environment.ProcessorCount} → {a.Environment.ProcessorCount + 1}" }),
            string.Join(" | ", changes.Select(c => c.Label)));
        Assert.IsNull(changes[0].Value, "a parameter B lacks is removed");
        Assert.AreEqual("50", changes[1].Value);
        Assert.AreEqual(new string('9', 64), changes[3].Value, "a data change is applied by B's content");
        Assert.IsTrue(changes.All(c => c.NotAttributable is null));
    }

    [TestMethod]
    public void TheMachinesToolchainIsNamedButNotAttributable()
    {
        var a = TestRecords.Completed();
        var b = a with { Environment = a.Environment with { SdkVersion = "10.0.200" } };

        var sdk = InputChanges.Between(a, b, RunComparison.Inputs(a, b)).Single();

        Assert.AreEqual(ChangeKind.Environment, sdk.Kind);
        Assert.AreEqual("sdk 10.0.100 → 10.0.200", sdk.Label);
        StringAssert.Contains(sdk.NotAttributable, "run Explain where it is 10.0.200 and where it is 10.0.100");
    }

    [TestMethod]
    public void AFileOnlyOneRunReadsCannotBeSwapped()
    {
        var a = TestRecords.Completed();
        var b = a with { Data = [.. a.Data, new Fingerprints.FileFingerprint("data/extra.csv", new string('7', 64), 10)] };

        var extra = InputChanges.Between(a, b, RunComparison.Inputs(a, b)).Single();

        Assert.AreEqual("data/extra.csv (read only by B)", extra.Label);
        Assert.IsNotNull(extra.NotAttributable);
    }
}
