using System.Text.Json;
using System.Text.RegularExpressions;
using Repro.Core.Tests.Remotes;
using Repro.Core.Tests.Serving;
using Repro.Records;
using Repro.Report;
using Repro.Runs;

namespace Repro.Core.Tests.Report;

[TestClass]
public sealed partial class RunsPageTests : ServingFixture
{
    private string PagePath => Store.PagePath;

    [TestMethod]
    public void EveryRunIsOnThePageWithItsStatusAndTheInputsCompareChecks()
    {
        var (completed, _) = Registered(1, "the model");
        Promote(1);
        var failed = RunTransferTests.WriteRun(Store, 2, "x", status: RunStatus.Failed) with { Error = new ErrorRecord("REPRO0030", "the program exited with code 3") };
        Rewrite(failed);
        var interrupted = Directory.CreateDirectory(Path.Combine(Store.Directory, "20261203-101010-000-abcdef.partial")).FullName;
        File.SetLastWriteTimeUtc(interrupted, DateTime.UtcNow.AddHours(-1));

        var data = PageBuilder.Build(Project.ProjectFile, Store, Registry, Store.Directory, new TestLog());

        CollectionAssert.AreEqual(new[] { completed.RunId, failed.RunId, "20261203-101010-000-abcdef" }, data.Runs.Select(r => r.Id).ToArray());
        CollectionAssert.AreEqual(new[] { "completed", "failed", "interrupted" }, data.Runs.Select(r => r.Status).ToArray());
        StringAssert.Contains(data.Runs[1].Error, "REPRO0030");
        CollectionAssert.AreEqual(new[] { "iris@1" }, data.Runs[0].Models.ToArray());
        Assert.AreEqual("production", data.Models.Single().Aliases.Single().Alias);
        Assert.AreEqual(completed.RunId, Path.GetFileName(data.Runs[0].Folder), "a run's folder is linked relative to the page");
        CollectionAssert.Contains(data.Runs[0].Files.ToArray(), "artifacts/model.bin");

        // The inputs are Compare's, by name, with the run's values.
        var inputs = RunComparisonInputs(completed);
        foreach (var (name, value) in inputs)
        {
            var column = data.Inputs.ToList().IndexOf(name);
            Assert.IsGreaterThanOrEqualTo(0, column, $"the page has the input {name}");
            var index = data.Runs[0].Inputs[column];
            Assert.AreEqual(value, index < 0 ? null : data.Strings[index], name);
        }

        Assert.IsTrue(data.Runs[2].Inputs.All(i => i == -1), "an interrupted run has no recorded inputs");
        Assert.IsFalse(data.Goals["accuracy"], "accuracy: higher is better, as Compare judges it");
    }

    [TestMethod]
    public void TheSameRecordsGiveTheSameBytesAndARewriteLeavesTheFileAlone()
    {
        Registered(1, "one");
        Registered(2, "two");
        var (path, runs, _) = RunsPage.Write(Project.ProjectFile, Store, Registry, PagePath, new TestLog());
        Assert.AreEqual(2, runs);
        var first = File.ReadAllBytes(path);
        var written = File.GetLastWriteTimeUtc(path);
        File.SetLastWriteTimeUtc(path, written.AddMinutes(-5));

        RunsPage.Write(Project.ProjectFile, Store, Registry, PagePath, new TestLog());
        CollectionAssert.AreEqual(first, File.ReadAllBytes(path));
        Assert.AreEqual(written.AddMinutes(-5), File.GetLastWriteTimeUtc(path), "the same bytes are not written again");
    }

    [TestMethod]
    public void TheWrittenPageIsTheRenderedOneAndAFileThatDiffersByItsLastByteOrItsLengthIsWrittenAgain()
    {
        var (run, _) = Registered(1, "one");
        // A file written this instant gives the page no stamp, so each Write below compares the page's bytes.
        void Touch() => File.SetLastWriteTimeUtc(Path.Combine(Store.Folder(run.RunId), RunFiles.Run), DateTime.UtcNow);
        Touch();
        var (path, _, _) = RunsPage.Write(Project.ProjectFile, Store, Registry, PagePath, new TestLog());
        var rendered = RunsPage.Render(PageBuilder.Build(Project.ProjectFile, Store, Registry, Store.Directory, new TestLog()));
        var page = File.ReadAllBytes(path);
        CollectionAssert.AreEqual(System.Text.Encoding.UTF8.GetBytes(rendered), page, "the page streamed to its file is the page rendered whole");

        byte[][] others = [[.. page[..^1], (byte)(page[^1] ^ 1)], [.. page, (byte)'\n'], page[..^1]];
        foreach (var other in others)
        {
            File.WriteAllBytes(path, other);
            Touch();
            RunsPage.Write(Project.ProjectFile, Store, Registry, PagePath, new TestLog());
            CollectionAssert.AreEqual(page, File.ReadAllBytes(path), $"a file of {other.Length} bytes against the page's {page.Length}");
        }
    }

    [TestMethod]
    public void WarmingThePageReadsOnlyTheRecordedRunsAndWritesNothing()
    {
        Registered(1, "one");
        var damaged = RunTransferTests.WriteRun(Store, 2, "x");
        File.WriteAllText(Path.Combine(Store.Folder(damaged.RunId), RunFiles.Run), "{ not a record");
        var underWay = Directory.CreateDirectory(Path.Combine(Store.Directory, "20261203-101010-000-abcdef.partial")).FullName;
        File.WriteAllText(Path.Combine(underWay, RunFiles.Config), "{ half a conf");

        var records = new RecordCache(Store);
        RunsPage.Warm(Project.ProjectFile, Registry, PagePath, records);

        Assert.IsFalse(File.Exists(PagePath), "warming writes no page");
        var data = PageBuilder.Build(Project.ProjectFile, Store, Registry, Store.Directory, new TestLog(), partials: false, records: null);
        CollectionAssert.AreEqual(new[] { "completed", "unreadable" }, data.Runs.Select(r => r.Status).ToArray(), "the run under way is left alone");

        // The page written after it, from the records it kept, is the page written from the store.
        var (path, _, _) = RunsPage.Write(Project.ProjectFile, Store, Registry, PagePath, new TestLog(), records);
        var kept = File.ReadAllBytes(path);
        File.Delete(path);
        RunsPage.Write(Project.ProjectFile, Store, Registry, PagePath, new TestLog());
        CollectionAssert.AreEqual(File.ReadAllBytes(path), kept);
    }

    [TestMethod]
    public void APageThatCannotBeWrittenIsACodedErrorNamingTheProperty()
    {
        Registered(1, "one");
        var taken = Directory.CreateDirectory(Path.Combine(Folder.Path, "page.html")).FullName; // a folder where the file should go

        var error = Assert.ThrowsExactly<Diagnostics.ReproException>(() => RunsPage.Write(Project.ProjectFile, Store, Registry, taken, new TestLog()));
        Assert.AreEqual(Diagnostics.ErrorCode.ReportUnwritable, error.Code);
        StringAssert.Contains(error.Message, "-p:ReportFile");
        Assert.IsEmpty(Directory.GetFiles(Folder.Path, "*.tmp"), "no temporary file is left behind");
    }

    [TestMethod]
    public void ThePageHoldsItsDataScriptAndStylesAndNamesNothingOutsideItself()
    {
        var (run, _) = Registered(1, "the model", r => r with { Params = new(StringComparer.Ordinal) { ["Note"] = "</script><script>alert(1)</script> & \"x\"" } });
        var html = RunsPage.Render(PageBuilder.Build(Project.ProjectFile, Store, Registry, Store.Directory, new TestLog()));

        Assert.AreEqual(1, Regex.Count(html, "</script>", RegexOptions.IgnoreCase) - 1, "only the two script elements close: a parameter cannot end one");
        StringAssert.Contains(html, "default-src 'none'", "the page forbids itself every request");
        Assert.IsFalse(ExternalReference().IsMatch(html), "no src or href leaves the file");
        var json = Regex.Match(html, "<script type=\"application/json\" id=\"repro-data\">(.*?)</script>", RegexOptions.Singleline).Groups[1].Value;
        using var data = JsonDocument.Parse(json);
        Assert.AreEqual(run.RunId, data.RootElement.GetProperty("runs")[0].GetProperty("id").GetString());
        Assert.AreEqual("</script><script>alert(1)</script> & \"x\"", data.RootElement.GetProperty("runs")[0].GetProperty("params").GetProperty("Note").GetString());
        Assert.IsFalse(html.Contains("\r", StringComparison.Ordinal));
    }

    private static IEnumerable<(string Name, string? Value)> RunComparisonInputs(RunRecord run) =>
        Repro.Reproduction.RunComparison.Inputs(run, run).Select(c => (c.Input, c.Recorded));

    [GeneratedRegex("""(src|href)\s*=\s*["']?\s*(https?:|//|ftp:)""", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();
}
