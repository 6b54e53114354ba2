using AngleSharp.Html.Parser;

namespace Repro.Report.Tests;

/// <summary>The page's HTML read by an HTML5 parser: well-formed, and no src or href that leaves the file.</summary>
[TestClass]
public sealed class HtmlTests
{
    [TestMethod]
    public void ThePageIsWellFormedHtmlAndNoSrcOrHrefLeavesTheFile()
    {
        using var page = SamplePage.Create();
        // Strict mode throws at the first parse error: a page that parses is well-formed HTML.
        var parser = new HtmlParser(new HtmlParserOptions { IsStrictMode = true });
        using var document = parser.ParseDocument(File.ReadAllText(page.Path));
        Assert.AreEqual("en", document.DocumentElement.GetAttribute("lang"));
        Assert.AreEqual(2, document.Scripts.Length, "the data block and the script, both inline");
        Assert.IsTrue(document.Scripts.All(s => !s.HasAttribute("src")));

        foreach (var element in document.QuerySelectorAll("[src], [href]"))
        {
            var target = element.GetAttribute("src") ?? element.GetAttribute("href")!;
            Assert.IsTrue(target.StartsWith('#') || !Uri.TryCreate(target, UriKind.Absolute, out _), $"<{element.LocalName}> names {target}");
        }
    }
}
