using System.Globalization;
using System.Text.Json;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace Repro.Report.Tests;

/// <summary>The runs page of the Iris sample, opened from file:// in Debian's chromium, checked for what a person sees.</summary>
[TestClass]
public sealed class RunsPageInBrowserTests
{
    private static SamplePage _page = null!;
    private static ChromeDriver _browser = null!;

    public TestContext TestContext { get; set; } = null!;

    [ClassInitialize]
    public static void OpenBrowser(TestContext context)
    {
        _page = SamplePage.Create();
        _browser = Chromium.Start();
    }

    [ClassCleanup]
    public static void CloseBrowser()
    {
        _browser?.Quit();
        _page?.Dispose();
    }

    [TestMethod]
    public void TheSampleRunsAreListedWithTheirMetrics()
    {
        Open();
        var rows = RunRows();
        var members = _page.Store.RunIds().Where(id => _page.Store.Read(id).Record?.Group is not null).ToArray();
        Assert.HasCount(12, members, "two seed groups of three, a sweep of six");
        CollectionAssert.AreEquivalent(_page.ReferenceRuns.Concat([SamplePage.FewerTrees, SamplePage.Failed, SamplePage.Interrupted]).Concat(members).ToArray(), rows);
        CollectionAssert.AreEqual(rows.OrderDescending(StringComparer.Ordinal).ToArray(), rows.ToArray(), "newest first");
        foreach (var id in _page.ReferenceRuns)
        {
            foreach (var (metric, value) in _page.Store.Read(id).Require().Metrics)
            {
                Assert.AreEqual(Shown(value), Cell(id, "m:" + metric), $"{id}'s {metric}");
            }
        }

        StringAssert.Contains(_browser.FindElement(By.CssSelector("#runs caption")).Text, "19 of 19 runs");
    }

    [TestMethod]
    public void SortingByAMetricOrdersTheRowsAndAKeyboardCanDoIt()
    {
        Open();
        var header = SortButton("m:log_loss");
        Assert.AreEqual("Sort by log_loss", header.GetAttribute("aria-label"));
        header.Click();
        var ascending = MetricColumn("m:log_loss");
        Assert.IsGreaterThan(4, ascending.Count(v => v is not null));
        CollectionAssert.AreEqual(ascending.Where(v => v is not null).Order().ToArray(), ascending.Where(v => v is not null).ToArray(), "ascending");
        Assert.IsTrue(ascending.SkipWhile(v => v is not null).All(v => v is null), "runs without the metric come last");
        Assert.AreEqual("ascending", _browser.FindElement(By.CssSelector("th[aria-sort]")).GetAttribute("aria-sort"));

        // The same button from the keyboard: focused after the sort, Enter turns the order round.
        Assert.AreEqual("m:log_loss", _browser.SwitchTo().ActiveElement().GetAttribute("data-sort"), "focus stays on the sort button");
        _browser.SwitchTo().ActiveElement().SendKeys(Keys.Enter);
        var descending = MetricColumn("m:log_loss").Where(v => v is not null).ToArray();
        CollectionAssert.AreEqual(descending.OrderDescending().ToArray(), descending);
        StringAssert.Contains(_browser.Url, "sort=m%3Alog_loss");
    }

    [TestMethod]
    public void AFilterHidesWhatItShould()
    {
        Open();
        _browser.FindElement(By.Id("filter")).SendKeys("sdca");
        CollectionAssert.AreEqual(new[] { "iris-sdca" }, RunRows().Select(id => Cell(id, "experiment")).Distinct().ToArray());

        Open("view=runs&status=failed");
        CollectionAssert.AreEqual(new[] { SamplePage.Failed }, RunRows());
        new SelectElement(_browser.FindElement(By.Id("status-filter"))).SelectByValue("");
        new SelectElement(_browser.FindElement(By.Id("experiment"))).SelectByValue("iris-forest");
        var forest = RunRows();
        CollectionAssert.DoesNotContain(forest.ToArray(), "20261203-145248-338-b0c3b1", "the sdca run is hidden");
        CollectionAssert.Contains(forest.ToArray(), SamplePage.FewerTrees);
    }

    [TestMethod]
    public void OnlyWhatDiffersHidesTheColumnsEqualOnEveryShownRow()
    {
        Open("view=runs&exp=iris-forest");
        Assert.IsNotNull(Header("p:MaxDepth"), "shown before the toggle");
        _browser.FindElement(By.Id("differs")).Click();
        Assert.IsNull(Header("p:MaxDepth"), "MaxDepth is 5 on every forest run");
        Assert.IsNotNull(Header("p:Trees"), "Trees differs: 100, 10, 500");
        Assert.IsNotNull(Header("i:commit"), "an input that differs is shown too");

        // Columns can be hidden one by one, and the link keeps them hidden.
        _browser.FindElement(By.CssSelector("details summary")).Click();
        _browser.FindElement(By.CssSelector("input[data-column='p:Trees']")).Click();
        Assert.IsNull(Header("p:Trees"));
        StringAssert.Contains(_browser.Url, "hide=p%3ATrees");
    }

    [TestMethod]
    public void ARunShowsThePlotsReproDrewAndAComparisonOverlaysTheirSeries()
    {
        Open("view=run&id=" + SamplePage.Forest);
        var plot = _browser.FindElement(By.CssSelector(".plots img"));
        StringAssert.StartsWith(plot.GetDomAttribute("src"), "data:image/svg+xml", "the SVG Repro drew, embedded");
        Assert.IsGreaterThan(0, Convert.ToInt64(((IJavaScriptExecutor)_browser).ExecuteScript("return arguments[0].naturalWidth", plot), CultureInfo.InvariantCulture), "and it is drawn");

        Open($"view=compare&sel={SamplePage.Forest},{SamplePage.FewerTrees}");
        var figure = _browser.FindElement(By.CssSelector("figure svg[aria-label^='oob_loss']"));
        var lines = figure.FindElements(By.TagName("polyline"));
        Assert.HasCount(2, lines, "one line per run");
        Assert.HasCount(100, lines[0].GetDomAttribute("points")!.Split(' '), "every step the forest logged");
        Assert.HasCount(10, lines[1].GetDomAttribute("points")!.Split(' '));
    }

    [TestMethod]
    public void RegisteredVersionsCompareByTheirAliases()
    {
        Open("view=compare&sel=iris-classifier@production,iris-classifier@staging");
        var experiment = Table("compare-parameters").Single(r => r[0] == "experiment");
        CollectionAssert.AreEqual(new[] { "experiment", "iris-lightgbm", "iris-sdca" }, experiment);
        StringAssert.Contains(Table("compare-parameters")[0][1], "iris-classifier@1 (production)");
    }

    [TestMethod]
    public void SelectingTwoRunsShowsTheParameterThatDiffersAndALinkKeepsTheComparison()
    {
        Open();
        Select(SamplePage.Forest);
        Select(SamplePage.FewerTrees);
        _browser.FindElement(By.Id("compare")).Click();

        var parameters = Table("compare-parameters");
        CollectionAssert.AreEqual(new[] { "Trees", "100", "10" }, parameters.Single(r => r[0] == "Trees"));
        Assert.IsFalse(parameters.Any(r => r[0] == "MaxDepth"), "a parameter both share is not listed");
        var logLoss = Table("compare-metrics").Single(r => r[0].StartsWith("log_loss", StringComparison.Ordinal));
        StringAssert.Contains(logLoss[2], "worse", "log_loss went up: lower is better, as Compare judges it");
        Screenshot("comparison");

        // The view is in the link: opened afresh, the page shows the same comparison.
        var link = _browser.Url;
        _browser.Navigate().GoToUrl("about:blank");
        _browser.Navigate().GoToUrl(link);
        CollectionAssert.AreEqual(new[] { "Trees", "100", "10" }, Table("compare-parameters").Single(r => r[0] == "Trees"));
    }

    [TestMethod]
    public void GroupsShowTheirStatisticsAndMembersAndTwoComparedGiveWelchsPValue()
    {
        Open("view=groups");
        var rows = Table("groups");
        var of100 = rows.Single(r => r[0].StartsWith(SamplePage.GroupOf100, StringComparison.Ordinal));
        var logLoss = Groups.MetricSummary.Of("log_loss", SamplePage.GroupLogLoss[SamplePage.GroupOf100]);
        var column = rows[0].ToList().IndexOf("log_loss");
        StringAssert.StartsWith(of100[column], $"{Shown(logLoss.Mean)} ± {Shown(logLoss.StandardDeviation!.Value)} [{Shown(logLoss.ConfidenceLow!.Value)}, {Shown(logLoss.ConfidenceHigh!.Value)}] (n 3)");
        var details = _browser.FindElement(By.CssSelector($"#group-{SamplePage.GroupOf100} details"));
        details.FindElement(By.TagName("summary")).Click();
        Assert.HasCount(3, details.FindElements(By.CssSelector("li a")), "its three members, linked");

        Select("group:" + SamplePage.GroupOf100);
        Select("group:" + SamplePage.GroupOf10);
        _browser.FindElement(By.Id("compare")).Click();
        var p = Groups.WelchTest.PValue(SamplePage.GroupLogLoss[SamplePage.GroupOf100], SamplePage.GroupLogLoss[SamplePage.GroupOf10])!.Value;
        var row = Table("compare-metrics").Single(r => r[0].StartsWith("log_loss", StringComparison.Ordinal));
        StringAssert.Contains(row[2], $"Welch p {Shown(p)}", "the p-value -t:Compare computes");
        StringAssert.Contains(row[2], "worse");
        CollectionAssert.AreEqual(new[] { "Trees", "100", "10" }, Table("compare-parameters").Single(r => r[0] == "Trees"));
    }

    [TestMethod]
    public void ASweepIsRankedByItsMetricWithThePlotsReproDrew()
    {
        Open("view=groups");
        var details = _browser.FindElement(By.CssSelector($"#group-{SamplePage.Sweep} details"));
        details.FindElement(By.TagName("summary")).Click();
        var ranking = details.FindElements(By.CssSelector("ol li")).Select(li => li.Text).ToArray();
        Assert.HasCount(3, ranking);
        CollectionAssert.AreEqual(new[] { "Trees=100", "Trees=50", "Trees=10" }, ranking.Select(r => r.Split(':')[0]).ToArray(), "lower log_loss first");
        StringAssert.StartsWith(ranking[0], $"Trees=100: {Shown(0.0775)} ±");
        var plot = details.FindElement(By.CssSelector(".plots img"));
        Assert.AreEqual("log_loss-by-Trees.svg", plot.GetDomAttribute("alt"));
        Assert.IsGreaterThan(0, Convert.ToInt64(((IJavaScriptExecutor)_browser).ExecuteScript("return arguments[0].naturalWidth", plot), CultureInfo.InvariantCulture));
    }

    [TestMethod]
    public void AComparisonNamesTheInputsThatDifferAndARunShowsItsPatch()
    {
        Open($"view=compare&sel={SamplePage.Forest},20261122-064153-558-441618");
        var inputs = Table("compare-inputs");
        var commit = inputs.Single(r => r[0] == "commit");
        Assert.AreEqual(_page.Store.Read(SamplePage.Forest).Require().Git.Commit, commit[1]);
        Assert.AreEqual(_page.Store.Read("20261122-064153-558-441618").Require().Git.Commit, commit[2]);
        Assert.IsFalse(inputs.Any(r => r[0] == "data/iris.csv"), "the data both read is not listed");

        Open("view=run&id=" + SamplePage.FewerTrees);
        StringAssert.Contains(_browser.FindElement(By.Id("main")).Text, "+// fewer trees, to see");
    }

    [TestMethod]
    public void AFailedAndAnInterruptedRunAreMarked()
    {
        Open();
        Assert.AreEqual("failed", Cell(SamplePage.Failed, "status"));
        Assert.AreEqual("interrupted", Cell(SamplePage.Interrupted, "status"));
        Assert.AreEqual("status-failed", StatusElement(SamplePage.Failed).GetAttribute("class"));
        Assert.AreEqual("status-interrupted", StatusElement(SamplePage.Interrupted).GetAttribute("class"));

        Open("view=run&id=" + SamplePage.Failed);
        StringAssert.Contains(_browser.FindElement(By.Id("main")).Text, "REPRO0006: the program exited with code 3");
        Screenshot("table-failed-run");
    }

    [TestMethod]
    public void ARunsPageShowsHowToReproduceItAndLinksItsFilesRelatively()
    {
        Open("view=run&id=" + SamplePage.Forest);
        var main = _browser.FindElement(By.Id("main"));
        StringAssert.Contains(main.Text, $"-t:Reproduce -p:RunId={SamplePage.Forest}");
        var links = main.FindElements(By.CssSelector("ul a")).Select(a => a.GetDomAttribute("href")).ToArray();
        CollectionAssert.Contains(links, $"{SamplePage.Forest}/run.json");
        CollectionAssert.Contains(links, $"{SamplePage.Forest}/artifacts/model.bin");
    }

    [TestMethod]
    public void TheRegistryShowsEachAliasWithItsHistoryAndTheRunsTableMarksProduction()
    {
        Open("view=models");
        var main = _browser.FindElement(By.Id("main")).Text;
        StringAssert.Contains(main, "iris-classifier");
        StringAssert.Contains(main, "production: v1");
        StringAssert.Contains(main, "staging: v2");

        Open();
        var production = _browser.FindElements(By.CssSelector("#runs tbody tr.production")).Select(r => r.GetAttribute("data-run")).ToArray();
        CollectionAssert.AreEqual(new[] { "20261203-145254-433-4b562d" }, production, "the lightgbm run is iris-classifier@1, production");
    }

    [TestMethod]
    public void ThePageMakesNoNetworkRequestAndHasNoScriptErrors()
    {
        _ = _browser.Manage().Logs.GetLog(LogType.Browser);
        _ = _browser.Manage().Logs.GetLog("performance");
        Open();
        foreach (var view in new[] { "view=groups", "view=models", "view=run&id=" + SamplePage.Forest, $"view=compare&sel={SamplePage.Forest},{SamplePage.FewerTrees}" })
        {
            Open(view);
        }

        var requests = _browser.Manage().Logs.GetLog("performance")
            .Select(entry => JsonDocument.Parse(entry.Message).RootElement.GetProperty("message"))
            .Where(message => message.GetProperty("method").GetString() == "Network.requestWillBeSent")
            .Select(message => message.GetProperty("params").GetProperty("request").GetProperty("url").GetString()!)
            .Where(url => !url.StartsWith("data:", StringComparison.Ordinal) && url != "about:blank")
            .Distinct()
            .ToArray();
        CollectionAssert.AreEqual(new[] { _page.Url.AbsoluteUri }, requests, "the browser asked for the page itself and nothing else");
        var errors = _browser.Manage().Logs.GetLog(LogType.Browser).Where(e => e.Level >= LogLevel.Warning).Select(e => e.Message).ToArray();
        Assert.IsEmpty(errors, string.Join("\n", errors));
    }

    [TestMethod]
    public void AScreenshotOfTheTable()
    {
        Open();
        Screenshot("table");
    }

    private void Open(string hash = "")
    {
        _browser.Navigate().GoToUrl("about:blank");
        _browser.Navigate().GoToUrl(_page.Url.AbsoluteUri + (hash.Length > 0 ? "#" + hash : ""));
        new WebDriverWait(_browser, TimeSpan.FromSeconds(10)).Until(b => ((IJavaScriptExecutor)b).ExecuteScript("return document.documentElement.dataset.renderedMs") is not null);
    }

    private static List<string> RunRows() =>
        _browser.FindElements(By.CssSelector("#runs tbody tr")).Select(r => r.GetAttribute("data-run")!).ToList();

    private static IWebElement? Header(string column) =>
        _browser.FindElements(By.CssSelector($"#runs thead button[data-sort='{column}']")).SingleOrDefault();

    private static IWebElement SortButton(string column) => Header(column) ?? throw new AssertFailedException($"no column {column}");

    /// <summary>The text of a run's cell in a column, found by the column's sort button.</summary>
    private static string Cell(string run, string column)
    {
        var headers = _browser.FindElements(By.CssSelector("#runs thead th")).ToList();
        var index = headers.FindIndex(th => th.FindElements(By.CssSelector($"button[data-sort='{column}']")).Count > 0);
        Assert.IsGreaterThanOrEqualTo(0, index, $"the table shows column {column}");
        var row = _browser.FindElement(By.CssSelector($"#runs tbody tr[data-run='{run}']"));
        return row.FindElements(By.XPath("./*"))[index].Text.Trim();
    }

    private static IWebElement StatusElement(string run) =>
        _browser.FindElement(By.CssSelector($"#runs tbody tr[data-run='{run}'] span[class^='status-']"));

    private static List<double?> MetricColumn(string column) => RunRows()
        .Select(id => Cell(id, column))
        .Select(text => text.Length == 0 ? (double?)null : double.Parse(text, CultureInfo.InvariantCulture))
        .ToList();

    private static void Select(string run) => _browser.FindElement(By.CssSelector($"input[data-select='{run}']")).Click();

    private static List<string[]> Table(string id) => _browser.FindElements(By.CssSelector($"#{id} tr"))
        .Select(row => row.FindElements(By.XPath("./*")).Select(c => c.Text.Trim()).ToArray())
        .ToList();

    /// <summary>As the page shows a number: six significant digits, no trailing zeros.</summary>
    private static string Shown(double value) => Math.Round(value) == value
        ? value.ToString("0", CultureInfo.InvariantCulture)
        : double.Parse(value.ToString("G6", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A screenshot into the test results (artifacts/test-results/screenshots), attached to the test for a reviewer.</summary>
    private void Screenshot(string name)
    {
        var folder = Directory.CreateDirectory(Path.Combine(SamplePage.RepositoryRoot(), "artifacts", "test-results", "screenshots")).FullName;
        var path = Path.Combine(folder, $"runs-page-{name}.png");
        _browser.GetScreenshot().SaveAsFile(path);
        TestContext.AddResultFile(path);
    }
}
