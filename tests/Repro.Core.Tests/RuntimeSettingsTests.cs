using Repro.Probes;
using System.Text.RegularExpressions;
using Repro.Records;
using Repro.Reproduction;
using Repro.Threads;
using Repro.Training;

namespace Repro.Core.Tests;

[TestClass]
public sealed class RuntimeSettingsTests
{
    private static SortedDictionary<string, string> From(bool ignoreCase, params (string Name, string Value)[] environment) =>
        RuntimeSettings.From(environment.Select(v => new KeyValuePair<string, string>(v.Name, v.Value)), null, ignoreCase);

    [TestMethod]
    public void AllowlistedSettingsAreRecordedUnderEitherPrefixAndSortedByName()
    {
        var settings = From(false, ("DOTNET_TieredCompilation", "0"), ("COMPlus_EnableAVX2", "0"), ("DOTNET_gcServer", "1"), ("PATH", "/usr/bin"));

        CollectionAssert.AreEqual(
            new[] { "COMPlus_EnableAVX2=0", "DOTNET_TieredCompilation=0", "DOTNET_gcServer=1" },
            settings.Select(s => $"{s.Key}={s.Value}").ToArray());
    }

    [TestMethod]
    public void NothingOffTheListIsRecordedHoweverCloseItsName()
    {
        var settings = From(false,
            ("DOTNET_SOMETHING_TOKEN", "ghp_notrecorded1"),
            ("DOTNET_TieredCompilation_TOKEN", "notrecorded2"),
            ("DOTNET_TieredCompilationX", "notrecorded3"),
            ("XDOTNET_TieredCompilation", "notrecorded4"),
            ("DOTNET_", "notrecorded5"),
            ("TieredCompilation", "notrecorded6"),
            ("AWS_SECRET_ACCESS_KEY", "notrecorded7"),
            ("COMPLUS_EnableAVX2", "notrecorded8"),
            ("DOTNET_EnableAES", "notrecorded9"));

        Assert.IsEmpty(settings);
    }

    [TestMethod]
    public void NameCaseCountsWhereTheRuntimeReadsItExactly()
    {
        Assert.IsEmpty(From(false, ("dotnet_tieredcompilation", "0")));
        CollectionAssert.AreEqual(new[] { "DOTNET_TieredCompilation" }, From(true, ("dotnet_tieredcompilation", "0")).Keys.ToArray());
    }

    [TestMethod]
    public void PinnedThreadVariablesReplaceTheInheritedOnesAndAnEmptyValueIsNoSetting()
    {
        var settings = RuntimeSettings.From(
            [new("DOTNET_PROCESSOR_COUNT", "8"), new("DOTNET_TieredPGO", "")],
            ThreadSettings.Pinned(1, "a test").Variables(),
            ignoreCase: false);

        CollectionAssert.AreEqual(new[] { "DOTNET_PROCESSOR_COUNT=1" }, settings.Select(s => $"{s.Key}={s.Value}").ToArray());
    }

    [TestMethod]
    public void EveryNameIsListedOnceAndIsNoPrefix()
    {
        Assert.AreEqual(RuntimeSettings.Names.Count, RuntimeSettings.Names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.IsTrue(RuntimeSettings.Names.All(name => name.Length > 0 && !name.EndsWith('_')), "a name ending in '_' would read like a prefix");
    }

    [TestMethod]
    public void TheRecordOfThisProcessHoldsTheProgramsSettingsAndNoSecret()
    {
        const string secret = "repro-test-secret-5f0c2b9e71d84a3b";
        string[] planted = ["DOTNET_REPRO_TEST_TOKEN", "AWS_SECRET_ACCESS_KEY", "COMPlus_GCHeapCount"];
        var previous = planted.ToDictionary(name => name, Environment.GetEnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable("DOTNET_REPRO_TEST_TOKEN", secret);
            Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", secret);
            Environment.SetEnvironmentVariable("COMPlus_GCHeapCount", "2");

            var environment = EnvironmentProbe.Read("10.0.100", null, ThreadSettings.Pinned(3, "a test"));
            var record = TestRecords.Completed() with { Environment = environment };
            using var folder = new TempFolder();
            var path = Path.Combine(folder.Path, "run.json");
            RecordJson.WriteRecord(path, record);

            Assert.AreEqual(3, environment.ProcessorCount);
            Assert.AreEqual("3", environment.RuntimeSettings!["DOTNET_PROCESSOR_COUNT"]);
            Assert.AreEqual("2", environment.RuntimeSettings["COMPlus_GCHeapCount"]);
            Assert.DoesNotContain(secret, File.ReadAllText(path));
            var keyed = RuntimeSettings.ForKey(ThreadSettings.Pinned(3, "a test"));
            Assert.IsFalse(keyed.ContainsKey("DOTNET_PROCESSOR_COUNT"), "the key holds the count as the processor count");
            Assert.AreEqual("2", keyed["COMPlus_GCHeapCount"]);
        }
        finally
        {
            foreach (var (name, value) in previous)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }

    [TestMethod]
    public void TheCpuModelIsTheFirstModelNameOfProcCpuInfo()
    {
        const string x64 = "processor\t: 0\nvendor_id\t: GenuineIntel\nmodel\t\t: 106\nmodel name\t: Intel(R) Xeon(R) Platinum 8370C CPU   @ 2.80GHz\n" +
            "processor\t: 1\nmodel name\t: Another\n";
        Assert.AreEqual("Intel(R) Xeon(R) Platinum 8370C CPU @ 2.80GHz", CpuModel.FromCpuInfo(x64));
        Assert.IsNull(CpuModel.FromCpuInfo("processor\t: 0\nBogoMIPS\t: 50.00\nCPU implementer\t: 0x41\n"));
        Assert.IsNull(CpuModel.FromCpuInfo("model name\t:   \n"));
    }

    [TestMethod]
    public void AChangedSettingIsAChangedInputAndTheMetricsStillDecide()
    {
        var recorded = WithSettings(("DOTNET_TieredCompilation", "0"), ("DOTNET_PROCESSOR_COUNT", "3"));
        var now = WithSettings(("DOTNET_PROCESSOR_COUNT", "3"), ("DOTNET_EnableAVX2", "0"));

        var verdict = RunComparison.Compare(recorded, now, ToleranceSpec.Standard);

        Assert.AreEqual(Verdict.Reproduced, verdict.Status);
        var rows = verdict.Inputs.Where(i => i.Input.StartsWith("DOTNET_", StringComparison.Ordinal))
            .Select(i => $"{i.Input} {i.Recorded ?? "none"} {i.Current ?? "none"} {i.Changed}").ToArray();
        CollectionAssert.AreEqual(new[] { "DOTNET_EnableAVX2 none 0 True", "DOTNET_TieredCompilation 0 none True" }, rows);
        var reproduction = new Reproduction.Reproduction(recorded, new RunOutcome(now, "runs/x"), verdict);
        StringAssert.Contains(VerdictReport.Render(reproduction), "DOTNET_TieredCompilation  changed: 0 → none");
    }

    [TestMethod]
    public void TheCountReproducePinsIsComparedAsTheProcessorCountNotAsASetting()
    {
        // Trained unpinned on 2 processors; Reproduce starts the program with DOTNET_PROCESSOR_COUNT=2.
        var verdict = RunComparison.Compare(WithSettings(), WithSettings(("DOTNET_PROCESSOR_COUNT", "2")), ToleranceSpec.Standard);

        Assert.IsFalse(verdict.Inputs.Any(i => i.Input.EndsWith("PROCESSOR_COUNT", StringComparison.Ordinal)));
        Assert.IsTrue(verdict.Inputs.All(i => !i.Changed));
    }

    [TestMethod]
    public void ARecordFromBeforeCpuModelsAndSettingsIsReadAndComparedWithoutThem()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "run.json");
        var now = WithSettings(("DOTNET_TieredCompilation", "0"));
        RecordJson.WriteRecord(path, now with { Environment = now.Environment with { CpuModel = null, RuntimeSettings = null } });
        var json = Regex.Replace(File.ReadAllText(path), ",\\s*\"(cpuModel|runtimeSettings)\": null", "");
        Assert.DoesNotContain("runtimeSettings", json);
        File.WriteAllText(path, json);

        var old = RecordJson.ReadRecord(path);
        var verdict = RunComparison.Compare(old, now, ToleranceSpec.Standard);

        Assert.IsNull(old.Environment.RuntimeSettings);
        Assert.IsFalse(verdict.Inputs.Any(i => i.Input is "cpu model" || i.Input.StartsWith("DOTNET_", StringComparison.Ordinal)));
        Assert.AreEqual(Verdict.Reproduced, verdict.Status);
    }

    [TestMethod]
    public void TheReportShowsTheCpuAndTheSettingsThatWereSet()
    {
        var report = RunReport.Render(WithSettings(("DOTNET_TieredCompilation", "0"), ("DOTNET_gcServer", "1")), "dotnet build -t:Reproduce");

        StringAssert.Contains(report, "| cpu | AMD EPYC 7763 64-Core Processor |");
        StringAssert.Contains(report, "| runtime settings | DOTNET_TieredCompilation=0, DOTNET_gcServer=1 |");
        Assert.DoesNotContain("runtime settings", RunReport.Render(WithSettings(), "dotnet build -t:Reproduce"));
    }

    private static RunRecord WithSettings(params (string Name, string Value)[] settings)
    {
        var record = TestRecords.Completed();
        return record with
        {
            Environment = record.Environment with
            {
                CpuModel = "AMD EPYC 7763 64-Core Processor",
                RuntimeSettings = new(settings.ToDictionary(s => s.Name, s => s.Value), StringComparer.Ordinal),
            },
        };
    }
}
