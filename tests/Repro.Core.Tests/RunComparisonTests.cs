using Repro.Fingerprints;
using Repro.Profiles;
using Repro.Records;
using Repro.Reproduction;

namespace Repro.Core.Tests;

[TestClass]
public sealed class RunComparisonTests
{
    [TestMethod]
    public void IdenticalRunsReproduce()
    {
        var verdict = RunComparison.Compare(Record(), Record(), ToleranceSpec.Standard);
        Assert.AreEqual(Verdict.Reproduced, verdict.Status);
        Assert.IsTrue(verdict.ModelIdentical);
        Assert.IsTrue(verdict.Inputs.All(i => !i.Changed));
    }

    [TestMethod]
    public void AMetricBeyondToleranceDivergesAndTheChangedDataIsNamed()
    {
        var now = Record(accuracy: 0.9, dataHash: new string('9', 64));
        var verdict = RunComparison.Compare(Record(), now, ToleranceSpec.Standard);

        Assert.AreEqual(Verdict.Diverged, verdict.Status);
        var accuracy = verdict.Metrics.Single(m => m.Name == "accuracy");
        Assert.IsFalse(accuracy.Ok);
        Assert.AreEqual(0.0666666666666667, accuracy.Difference!.Value, 1e-12);
        var data = verdict.Inputs.Single(i => i.Input == "data/iris.csv");
        Assert.IsTrue(data.Changed);
        StringAssert.Contains(VerdictReport.ChangedInputs(Reproduction(now, verdict)), "data/iris.csv changed: sha256 dddddddddddd… → 999999999999…");
    }

    [TestMethod]
    public void TheSourcePatchIsAnInputWhenEitherSideHasOne()
    {
        Assert.IsFalse(RunComparison.Inputs(Record(), Record()).Any(i => i.Input == "source patch"), "clean runs have none");

        var patched = Record() with { Git = Record().Git with { Dirty = true, Patch = new SourcePatchRecord(new string('1', 64), 10, false) } };
        Assert.IsFalse(RunComparison.Inputs(patched, patched).Single(i => i.Input == "source patch").Changed);

        var other = patched with { Git = patched.Git with { Patch = new SourcePatchRecord(new string('2', 64), 10, false) } };
        Assert.IsTrue(RunComparison.Inputs(patched, other).Single(i => i.Input == "source patch").Changed);
        var notKept = RunComparison.Inputs(patched, Record()).Single(i => i.Input == "source patch");
        Assert.IsTrue(notKept.Changed);
        Assert.IsNull(notKept.Current);
        Assert.AreEqual("not kept (20000000 bytes)",
            RunComparison.Inputs(patched with { Git = patched.Git with { Patch = new SourcePatchRecord(null, 20_000_000, true) } }, patched)
                .Single(i => i.Input == "source patch").Recorded);
    }

    [TestMethod]
    public void AMetricMissingFromTheReproductionDiverges()
    {
        var now = Record() with { Metrics = new(StringComparer.Ordinal) { ["accuracy"] = 0.9666666666666667 } };
        var verdict = RunComparison.Compare(Record(), now, ToleranceSpec.Standard);
        Assert.AreEqual(Verdict.Diverged, verdict.Status);
        Assert.IsNull(verdict.Metrics.Single(m => m.Name == "log_loss").Reproduced);
    }

    [TestMethod]
    public void PerMetricToleranceDecides()
    {
        var verdict = RunComparison.Compare(Record(), Record(accuracy: 0.96), ToleranceSpec.Parse("accuracy=0.01", "test"));
        Assert.AreEqual(Verdict.Reproduced, verdict.Status);
    }

    [TestMethod]
    public void ADifferentModelIsReportedButMetricsDecide()
    {
        var now = Record() with { Artifacts = [new FileFingerprint("artifacts/model.bin", new string('0', 64), 10)] };
        var verdict = RunComparison.Compare(Record(), now, ToleranceSpec.Standard);
        Assert.AreEqual(Verdict.Reproduced, verdict.Status);
        Assert.IsFalse(verdict.ModelIdentical);
        CollectionAssert.AreEqual(new[] { "artifacts/model.bin" }, verdict.ChangedArtifacts.ToArray());
    }

    [TestMethod]
    public void TheProcessorCountTheProgramSawIsAnInput()
    {
        var recorded = Record() with { Environment = Record().Environment with { ProcessorCount = 16 } };
        var now = Record() with { Environment = Record().Environment with { ProcessorCount = 2 } };
        var count = RunComparison.Compare(recorded, now, ToleranceSpec.Standard).Inputs.Single(i => i.Input == "processor count");
        Assert.AreEqual(new InputCheck("processor count", "16", "2", true), count);
    }

    [TestMethod]
    public void OmpNumThreadsAndNativeLibrariesAreInputsWhenEitherSideHasThem()
    {
        var plain = Record() with { Environment = Record().Environment with { OmpNumThreads = null, NativeLibraries = null } };
        var inputs = RunComparison.Compare(plain, plain, ToleranceSpec.Standard).Inputs.Select(i => i.Input).ToArray();
        CollectionAssert.DoesNotContain(inputs, "OMP_NUM_THREADS");
        Assert.IsFalse(inputs.Any(i => i.StartsWith("native ", StringComparison.Ordinal)));

        var lightGbm = plain with
        {
            Environment = plain.Environment with { OmpNumThreads = "1", NativeLibraries = [new NativeLibrary("lib_lightgbm.so", "LightGBM", "3.3.5")] },
        };
        var checks = RunComparison.Compare(lightGbm, plain, ToleranceSpec.Standard).Inputs;
        Assert.AreEqual(new InputCheck("OMP_NUM_THREADS", "1", null, true), checks.Single(i => i.Input == "OMP_NUM_THREADS"));
        Assert.AreEqual(new InputCheck("native lib_lightgbm.so", "LightGBM 3.3.5", null, true), checks.Single(i => i.Input == "native lib_lightgbm.so"));
    }

    [TestMethod]
    public void VectorInstructionsAreAnInput()
    {
        var recorded = Record() with { Environment = Record().Environment with { Simd = "avx2 avx sse4.2, Vector<T> 256-bit" } };
        var now = Record() with { Environment = Record().Environment with { Simd = "none, Vector<T> not accelerated" } };
        var simd = RunComparison.Compare(recorded, now, ToleranceSpec.Standard).Inputs.Single(i => i.Input == "simd");
        Assert.IsTrue(simd.Changed);
        StringAssert.Contains(VerdictReport.ChangedInputs(new Reproduction.Reproduction(recorded, new Training.RunOutcome(now, "runs/x"), RunComparison.Compare(recorded, now, ToleranceSpec.Standard))),
            "simd changed: avx2 avx sse4.2, Vector<T> 256-bit → none, Vector<T> not accelerated");
    }

    [TestMethod]
    public void ADivergenceWithNoChangedInputInAnMLNetProgramNamesTheThreadsAndTheFix()
    {
        var recorded = Record() with { Environment = Record().Environment with { ProcessorCount = 16 } };
        var now = recorded with { Metrics = new(StringComparer.Ordinal) { ["accuracy"] = 0.5, ["log_loss"] = 0.1 } };
        var verdict = RunComparison.Compare(recorded, now, ToleranceSpec.Standard);
        var reproduction = new Reproduction.Reproduction(recorded, new Training.RunOutcome(now, "runs/x"), verdict, UsesMLNet: true);

        var message = VerdictReport.ChangedInputs(reproduction);
        StringAssert.Contains(message, "processor count of 16");
        StringAssert.Contains(message, "ProcessorCount=\"1\"");
        StringAssert.Contains(message, "NumberOfThreads = 1");
        StringAssert.Contains(VerdictReport.ChangedInputs(reproduction with { UsesMLNet = false }), "the program itself is not deterministic");
    }

    [TestMethod]
    public void AChangedProgramNamesTheFilesThatChanged()
    {
        var recorded = WithProgram(("Demo.dll", '1'), ("Lib.dll", '2'), ("Old.dll", '3'), ("Repro.Learn.dll", '4'));
        var now = WithProgram(("Demo.dll", '1'), ("Lib.dll", '9'), ("New.dll", '5'), ("Repro.Learn.dll", '8'));

        var verdict = RunComparison.Compare(recorded, now, ToleranceSpec.Standard);

        var program = verdict.Inputs.Single(i => i.Input == "program");
        Assert.AreEqual("Lib.dll, Repro.Learn.dll, New.dll (added), Old.dll (removed)", program.Detail);
        StringAssert.Contains(VerdictReport.Render(new Reproduction.Reproduction(recorded, new Training.RunOutcome(now, "runs/x"), verdict)),
            $"program          changed: sha256 {recorded.Program.Sha256[..12]}… → {now.Program.Sha256[..12]}… — Lib.dll, Repro.Learn.dll, New.dll (added), Old.dll (removed)\n");
    }

    [TestMethod]
    public void ManyChangedProgramFilesAreCountedBeyondTheFirstFive()
    {
        var names = Enumerable.Range(0, 8).Select(i => $"Lib{i}.dll").ToArray();
        var recorded = WithProgram(names.Select(n => (n, '1')).ToArray());
        var now = WithProgram(names.Select(n => (n, '2')).ToArray());

        var program = RunComparison.Compare(recorded, now, ToleranceSpec.Standard).Inputs.Single(i => i.Input == "program");

        Assert.AreEqual("Lib0.dll, Lib1.dll, Lib2.dll, Lib3.dll, Lib4.dll and 3 more", program.Detail);
    }

    [TestMethod]
    public void AnUnchangedProgramOrAnOldRecordSaysNoMoreThanItKnows()
    {
        var program = WithProgram(("Demo.dll", '1'));
        Assert.IsNull(RunComparison.Compare(program, program, ToleranceSpec.Standard).Inputs.Single(i => i.Input == "program").Detail);

        // Records from before per-file hashes hold the assembly's hash alone.
        var old = Record();
        var check = RunComparison.Compare(old, program, ToleranceSpec.Standard).Inputs.Single(i => i.Input == "program");
        Assert.IsTrue(check.Changed);
        Assert.AreEqual("the recorded run predates per-file program hashes", check.Detail);
    }

    private static RunRecord WithProgram(params (string Path, char Hash)[] files)
    {
        var programFiles = files.Select(f => new ProgramFile(f.Path, new string(f.Hash, 64))).ToArray();
        return Record() with
        {
            Program = new ProgramRecord("bin/Debug/net10.0/Demo.dll", ProgramIdentity.Digest(programFiles), "net10.0") { Files = programFiles },
        };
    }

    private static Reproduction.Reproduction Reproduction(RunRecord now, Verdict verdict, bool usesMLNet = false) =>
        new(Record(), new Training.RunOutcome(now, "runs/" + now.RunId), verdict, usesMLNet);

    [TestMethod]
    public void AChangedDataFileIsDescribedByItsProfilesAndRows()
    {
        using var folder = new TempFolder();
        var before = Profiler.Read(folder.Write("before.csv", "x,label\n1,a\n2,b\n3,a\n"), ProfileOptions.None);
        var after = Profiler.Read(folder.Write("after.csv", "x,label\n1,a\n3,a\n"), ProfileOptions.None);
        var rows = new Dictionary<string, RowFingerprints> { [before.Sha256] = before.Rows!, [after.Sha256] = after.Rows! };
        RunRecord With(ProfiledFile file) => Record(dataHash: file.Sha256) with { Profiles = [file.Profile with { Path = "data/iris.csv" }] };

        var data = RunComparison.Inputs(With(before), With(after), sha => rows.GetValueOrDefault(sha)).Single(i => i.Input == "data/iris.csv");

        Assert.IsTrue(data.Changed);
        Assert.AreEqual("rows 3 → 2 (line 3 removed); x std 1 → 1.414; schema same", data.Detail);
        var withoutRows = RunComparison.Inputs(With(before), With(after)).Single(i => i.Input == "data/iris.csv");
        Assert.AreEqual("rows 3 → 2", withoutRows.Detail!.Split(';')[0], "without the store's rows, the counts alone");
    }

    [TestMethod]
    public void AChangedFileWithoutProfilesIsDescribedByItsSize()
    {
        var now = Record(dataHash: new string('9', 64)) with { Data = [new FileFingerprint("data/iris.csv", new string('9', 64), 4000)] };

        Assert.AreEqual("size 3,858 → 4,000 bytes", RunComparison.Inputs(Record(), now).Single(i => i.Input == "data/iris.csv").Detail);
    }

    [TestMethod]
    public void AnotherSplitOfTheSameRowsIsNamed()
    {
        var split = SplitFingerprint.Of(3, [1UL, 2UL]);
        Assert.AreEqual(split, SplitFingerprint.Of(3, [2UL, 1UL]), "the same rows held out in another order are the same split");

        var moved = RunComparison.Inputs(Record() with { Split = split }, Record() with { Split = SplitFingerprint.Of(3, [1UL, 5UL]) }).Single(i => i.Input == "split");

        Assert.IsTrue(moved.Changed);
        Assert.AreEqual("other rows held out (2 of 5 → 2 of 5)", moved.Detail);
        Assert.IsFalse(RunComparison.Inputs(Record() with { Split = split }, Record() with { Split = split }).Single(i => i.Input == "split").Changed);
        Assert.IsFalse(RunComparison.Inputs(Record(), Record() with { Split = split }).Any(i => i.Input == "split"), "a record without a split compares none");
    }

    private static RunRecord Record(double accuracy = 0.9666666666666667, string? dataHash = null) => TestRecords.Completed() with
    {
        Metrics = new(StringComparer.Ordinal) { ["accuracy"] = accuracy, ["log_loss"] = 0.1 },
        Data = [new FileFingerprint("data/iris.csv", dataHash ?? new string('d', 64), 3858)],
    };
}
