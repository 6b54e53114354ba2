using System.Globalization;
using OpenQA.Selenium;
using OpenQA.Selenium.Support.UI;
using Repro.Records;
using Repro.Registry;
using Repro.Runs;

namespace Repro.Report.Tests;

/// <summary>A store larger than the page draws at once: every run is sorted, the first 500 drawn, "Show more" draws the rest.</summary>
[TestClass]
public sealed class LargeStorePageTests
{
    private const int Runs = 1_200;

    [TestMethod]
    public void EveryRunIsSortedAndTheFirstFiveHundredAreDrawnThenShowMoreDrawsTheRest()
    {
        using var sample = SamplePage.Create();
        var store = sample.Store;
        var forest = store.Read(SamplePage.Forest).Require();
        var logLoss = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < Runs; i++)
        {
            var id = RunId.New(DateTimeOffset.Parse("2026-12-04T00:00:00Z", CultureInfo.InvariantCulture).AddSeconds(i));
            // A spread of values in no order of id: (i * 7919) mod 1201 visits each residue once.
            logLoss[id] = (i * 7919 % 1201) / 10_000.0;
            var folder = Directory.CreateDirectory(store.Folder(id)).FullName;
            RecordJson.WriteRecord(Path.Combine(folder, RunFiles.Run), forest with
            {
                RunId = id,
                Metrics = new(forest.Metrics, StringComparer.Ordinal) { ["log_loss"] = logLoss[id] },
            });
        }

        RunsPage.Write(Path.Combine(sample.Root, "IrisExperiment.csproj"), store, new ModelRegistry(Path.Combine(sample.Root, "registry")), sample.Path, new SamplePage.NullLog());
        using var browser = Chromium.Start();
        browser.Navigate().GoToUrl(sample.Url.AbsoluteUri + "#view=runs&sort=m%3Alog_loss");
        new WebDriverWait(browser, TimeSpan.FromSeconds(20)).Until(b => ((IJavaScriptExecutor)b).ExecuteScript("return document.documentElement.dataset.renderedMs") is not null);

        var total = store.RunIds().Count + store.Partials().Count;
        int Drawn() => browser.FindElements(By.CssSelector("#runs tbody tr")).Count;
        Assert.AreEqual(500, Drawn());
        StringAssert.Contains(browser.FindElement(By.CssSelector("#runs caption")).Text, $"{total} of {total} runs, the first 500 drawn");
        var lowest = logLoss.OrderBy(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).First().Key;
        Assert.AreEqual(lowest, browser.FindElement(By.CssSelector("#runs tbody tr")).GetAttribute("data-run"), "the sort is over every run, not the drawn ones");

        browser.FindElement(By.Id("more")).Click();
        Assert.AreEqual(1000, Drawn());
        browser.FindElement(By.Id("more")).Click();
        Assert.AreEqual(total, Drawn());
        Assert.IsEmpty(browser.FindElements(By.Id("more")), "nothing is left to draw");
        browser.Quit();
    }
}
