using Repro.Profiles;

namespace Repro.Core.Tests.Profiles;

[TestClass]
public sealed class ProfileComparisonTests
{
    private static readonly string[] Lines =
    [
        "sepal_length,petal_width,species",
        "5.1,0.2,setosa",
        "4.9,0.2,setosa",
        "6.4,1.5,versicolor",
        "6.3,2.5,virginica",
        "5.8,1.9,virginica",
    ];

    [TestMethod]
    public void ARemovedRowIsNamedByItsLineWithTheStatisticsItMoved()
    {
        var detail = Describe(Lines, [.. Lines.Where((_, i) => i != 3)]);

        Assert.AreEqual("rows 5 → 4 (line 4 removed); sepal_length mean 5.7 → 5.525; petal_width mean 1.26 → 1.2; species versicolor 1 → 0; schema same", detail);
    }

    [TestMethod]
    public void AColumnThatTurnsToTextNamesTheFirstValueThatIsNotANumber()
    {
        string[] after = [.. Lines];
        after[4] = "6.3,n/a,virginica";

        var detail = Describe(Lines, after);

        StringAssert.Contains(detail, "column petal_width: float → text (line 5: \"n/a\")");
        StringAssert.Contains(detail, "line 5 changed");
        StringAssert.EndsWith(detail, "schema: types changed");
    }

    [TestMethod]
    public void TheSameRowsInAnotherOrderAreNamedAsReordered()
    {
        string[] after = [Lines[0], .. Lines.Skip(1).Reverse()];

        Assert.AreEqual("rows 5, the same rows reordered; schema same", Describe(Lines, after));
    }

    [TestMethod]
    public void AddedAndRemovedColumnsChangeTheSchema()
    {
        string[] after = [.. Lines.Select(line => line[(line.IndexOf(',') + 1)..] + (line.StartsWith("sepal", StringComparison.Ordinal) ? ",weight" : ",1"))];

        var detail = Describe(Lines, after);

        StringAssert.EndsWith(detail, "schema changed: columns removed: sepal_length; columns added: weight");
    }

    [TestMethod]
    public void WithoutRowFingerprintsOnlyTheCountIsCompared()
    {
        var (before, _) = Profile(Lines);
        var (after, _) = Profile([.. Lines.Take(5)]);

        var detail = ProfileComparison.Describe(before, after, rows: null);

        StringAssert.StartsWith(detail, "rows 5 → 4; ");
    }

    [TestMethod]
    public void NumbersShowTheDigitsThatTellThemApart()
    {
        Assert.AreEqual("1.199", ProfileComparison.Number(1.19912, 1.20511));
        Assert.AreEqual("1.19912", ProfileComparison.Number(1.19912, 1.19918));
    }

    private static string? Describe(string[] before, string[] after)
    {
        var (a, aRows) = Profile(before);
        var (b, bRows) = Profile(after);
        return ProfileComparison.Describe(a, b, RowFingerprints.Compare(aRows, bRows));
    }

    private static (DataProfile, RowFingerprints) Profile(string[] lines)
    {
        using var folder = new TempFolder();
        var profiled = Profiler.Read(folder.Write("iris.csv", string.Join("\n", lines) + "\n"), new ProfileOptions(LabelColumn: "species"));
        return (profiled.Profile, profiled.Rows!);
    }
}
