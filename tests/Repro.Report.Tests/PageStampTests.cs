using Repro.Diagnostics;
using Repro.Registry;
using Repro.Runs;

namespace Repro.Report.Tests;

/// <summary>
/// A page carries a stamp of what it was built from: Train refreshes the page at every build, and a store that did not
/// change is not read again for it. Any change to the store or the registry builds it again.
/// </summary>
[TestClass]
public sealed class PageStampTests
{
    private static readonly DateTime AnHourAgo = DateTime.UtcNow.AddHours(-1);

    [TestMethod]
    public void AnUnchangedStoreKeepsItsPageAndAChangedRecordOrRegistryBuildsItAgain()
    {
        using var sample = SamplePage.Create();
        Settle(sample.Root);
        var stamp = Write(sample);
        Assert.MatchesRegex("^[0-9a-f]{64}$", stamp ?? "", "a page of settled files carries its stamp");

        // Proof the page is not built again: a record changed behind the stamp's back (same size, same time) is not read.
        var record = Path.Combine(sample.Store.Folder(SamplePage.FewerTrees), RunFiles.Run);
        var recorded = File.GetLastWriteTimeUtc(record);
        File.WriteAllText(record, File.ReadAllText(record).Replace("0.1234", "0.4321", StringComparison.Ordinal));
        File.SetLastWriteTimeUtc(record, recorded);
        Assert.AreEqual(stamp, Write(sample));
        StringAssert.Contains(File.ReadAllText(sample.Path), "0.1234", "the page was left as it was");

        // A record whose time changed is read again.
        File.SetLastWriteTimeUtc(record, recorded.AddSeconds(1));
        var changed = Write(sample);
        Assert.AreNotEqual(stamp, changed);
        StringAssert.Contains(File.ReadAllText(sample.Path), "0.4321", "the page was built again");

        // So is a registry with a file more.
        var alias = Path.Combine(sample.Root, "registry", "iris-classifier", "aliases", "canary.json");
        File.WriteAllText(alias, File.ReadAllText(Path.Combine(sample.Root, "registry", "iris-classifier", "aliases", "staging.json"))
            .Replace("\"staging\"", "\"canary\"", StringComparison.Ordinal));
        Settle(sample.Root);
        var registered = Write(sample);
        Assert.IsNotNull(registered);
        Assert.AreNotEqual(changed, registered);
        StringAssert.Contains(File.ReadAllText(sample.Path), "canary", "the page shows the new alias");
    }

    [TestMethod]
    public void APageOfFilesJustWrittenOrOneThatWarnedCarriesNoStamp()
    {
        using var sample = SamplePage.Create();
        Assert.IsNull(Write(sample), "the sample's files were written just now: too new to trust their times");

        var group = Path.Combine(sample.Store.GroupFolder(SamplePage.GroupOf10), RunStore.GroupRecordFile);
        File.WriteAllText(group, "{ not a group");
        Settle(sample.Root);
        var log = new WarningLog();
        Assert.IsNull(Write(sample, log), "a page that warned is built again next time, and warns again");
        Assert.AreEqual(1, log.Warnings);
        Assert.IsNull(Write(sample, log));
        Assert.AreEqual(2, log.Warnings);
    }

    private static string? Write(SamplePage sample, IRunLog? log = null)
    {
        var (page, runs, _) = RunsPage.Write(Path.Combine(sample.Root, "IrisExperiment.csproj"), sample.Store, new ModelRegistry(Path.Combine(sample.Root, "registry")),
            sample.Path, log ?? new SamplePage.NullLog());
        Assert.AreEqual(sample.Store.RunIds().Count + sample.Store.Partials().Count, runs, "every run and the interrupted one, built or not");
        return PageStamp.Read(page);
    }

    /// <summary>Dates every file and folder back, as a store is between builds.</summary>
    private static void Settle(string root)
    {
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            File.SetLastWriteTimeUtc(file, AnHourAgo);
        }

        foreach (var folder in Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories))
        {
            Directory.SetLastWriteTimeUtc(folder, AnHourAgo);
        }
    }

    private sealed class WarningLog : IRunLog
    {
        public int Warnings { get; private set; }

        public void Progress(string message)
        {
        }

        public void Detail(string message)
        {
        }

        public void Warning(string code, string message) => Warnings++;

        public void Error(string code, string message) => throw new InvalidOperationException($"{code}: {message}");
    }
}
