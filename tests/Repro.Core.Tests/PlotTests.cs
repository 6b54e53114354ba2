using System.Globalization;
using System.Xml.Linq;
using Repro.Plots;

namespace Repro.Core.Tests;

[TestClass]
public sealed class PlotTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static readonly (long Step, double Value)[] Loss =
        [(0, 131.83), (1, 80.5), (2, 41.25), (3, 20.125), (5, 12.0625), (8, 11.5)];

    private static readonly (long Seed, double Value)[] Seeds = [(1, 0.9), (2, 0.95), (3, 0.933), (42, 0.967)];

    [TestMethod]
    public void ASeriesIsOneLineThroughEveryPointInStepOrder()
    {
        var svg = Parse(SvgPlots.Series("train_loss", Loss));

        var line = Polylines(svg, "rgb(31,119,180)").Single();
        Assert.AreEqual(Loss.Length, line.Length);
        // Steps run left to right, and a falling loss runs down the page (y grows downwards).
        for (var i = 1; i < line.Length; i++)
        {
            Assert.IsTrue(line[i].X > line[i - 1].X);
            Assert.IsTrue(line[i].Y > line[i - 1].Y);
        }

        CollectionAssert.Contains(Texts(svg), "train_loss");
        CollectionAssert.Contains(Texts(svg), "step");
    }

    [TestMethod]
    public void ALonePointIsAMarker()
    {
        var svg = Parse(SvgPlots.Series("accuracy", [(0, 0.9)]));

        Assert.AreEqual(1, Markers(svg));
    }

    [TestMethod]
    public void ASeedGroupShowsEverySeedTheMeanAndTheInterval()
    {
        var svg = Parse(SvgPlots.SeedGroup("accuracy", Seeds, 0.9375, 0.89, 0.985));

        Assert.AreEqual(Seeds.Length, Markers(svg));
        var texts = Texts(svg);
        foreach (var (seed, _) in Seeds)
        {
            CollectionAssert.Contains(texts, seed.ToString(CultureInfo.InvariantCulture));
        }

        CollectionAssert.Contains(texts, "mean 0.9375");
        CollectionAssert.Contains(texts, "CI 0.89 to 0.985");
    }

    [TestMethod]
    public void ASeedGroupWithoutAnIntervalHasNoBand()
    {
        var svg = Parse(SvgPlots.SeedGroup("accuracy", [(7, 0.9)], 0.9, null, null));

        Assert.AreEqual(1, Markers(svg));
        Assert.IsFalse(Texts(svg).Any(t => t.StartsWith("CI", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void ANumericSweepPlacesRunsAtTheirValuesAndJoinsTheMeans()
    {
        (string, double)[] runs = [("0.1", 0.8), ("1", 0.9), ("1", 0.92), ("10", 0.85), ("0.1", 0.82)];

        var svg = Parse(SvgPlots.Sweep("accuracy", "C", runs));

        Assert.AreEqual(runs.Length, Markers(svg));
        var means = Polylines(svg, "rgb(214,39,40)").Single();
        Assert.AreEqual(3, means.Length);
        // 0.1, 1 and 10 on a linear axis: the second gap is ten times the first.
        Assert.AreEqual(10, (means[2].X - means[1].X) / (means[1].X - means[0].X), 0.01);
        CollectionAssert.Contains(Texts(svg), "accuracy by C");
    }

    [TestMethod]
    public void ASweepOverWordsHasOneCategoryPerValue()
    {
        (string, double)[] runs = [("sdca", 0.9), ("lbfgs", 0.95), ("sdca", 0.91)];

        var svg = Parse(SvgPlots.Sweep("accuracy", "Learner", runs));

        Assert.AreEqual(runs.Length, Markers(svg));
        Assert.AreEqual(2, Polylines(svg, "rgb(214,39,40)").Single().Length);
        CollectionAssert.IsSubsetOf(new[] { "lbfgs", "sdca" }, Texts(svg));
    }

    [TestMethod]
    public void TheSameInputGivesTheSameBytesInEveryCulture()
    {
        var plots = new Func<string>[]
        {
            () => SvgPlots.Series("train_loss", Loss),
            () => SvgPlots.SeedGroup("accuracy", Seeds, 0.9375, 0.89, 0.985),
            () => SvgPlots.Sweep("accuracy", "C", [("0.5", 0.8), ("1.5", 0.9)]),
        };
        var original = CultureInfo.CurrentCulture;
        try
        {
            foreach (var plot in plots)
            {
                CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
                var first = plot();
                Assert.AreEqual(first, plot());
                CultureInfo.CurrentCulture = new CultureInfo("de-DE");
                Assert.AreEqual(first, plot());
                Assert.IsFalse(first.Contains('\r'));
            }
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
        }
    }

    private static XDocument Parse(string svg)
    {
        var document = XDocument.Parse(svg);
        Assert.AreEqual(Svg + "svg", document.Root!.Name);
        return document;
    }

    private static (double X, double Y)[][] Polylines(XDocument svg, string stroke) => svg
        .Descendants(Svg + "polyline")
        .Where(p => ((string?)p.Attribute("style"))?.Contains("stroke:" + stroke, StringComparison.Ordinal) == true)
        .Select(p => ((string)p.Attribute("points")!)
            .Split(' ')
            .Select(pair => pair.Split(','))
            .Select(xy => (double.Parse(xy[0], CultureInfo.InvariantCulture), double.Parse(xy[1], CultureInfo.InvariantCulture)))
            .ToArray())
        .ToArray();

    private static int Markers(XDocument svg) => svg.Descendants(Svg + "ellipse").Count();

    private static string[] Texts(XDocument svg) => svg.Descendants(Svg + "text").Select(t => t.Value).ToArray();
}
