namespace Repro.Learn.Tests;

[TestClass]
public sealed class CsvLoadingTests
{
    [TestMethod]
    public void LoadsIrisWithStringClassesInOrdinalOrder()
    {
        var data = Dataset.LoadCsv(TestFiles.DataPath("iris"), "species");

        Assert.AreEqual(150, data.Rows);
        Assert.AreEqual(4, data.Features);
        CollectionAssert.AreEqual(new[] { "setosa", "versicolor", "virginica" }, data.Classes.ToArray());
        CollectionAssert.AreEqual(new[] { "sepal_length_cm", "sepal_width_cm", "petal_length_cm", "petal_width_cm" }, data.FeatureNames.ToArray());
        CollectionAssert.AreEqual(new[] { 5.1, 3.5, 1.4, 0.2 }, data.Row(0).ToArray());
        CollectionAssert.AreEqual(new[] { 50, 50, 50 }, data.ClassCounts());
    }

    [TestMethod]
    public void OrdersNumericLabelsNumerically()
    {
        using var file = TestFiles.Csv("x,label\n1,10\n2,9\n3,2\n4,10\n");

        var data = Dataset.LoadCsv(file.Path, "label");

        CollectionAssert.AreEqual(new[] { "2", "9", "10" }, data.Classes.ToArray());
        CollectionAssert.AreEqual(new[] { 2, 1, 0, 2 }, data.Labels.ToArray());
    }

    [TestMethod]
    public void AcceptsLabelColumnAnywhereQuotesCrLfAndBlankLines()
    {
        using var file = TestFiles.Csv("\"kind\",a,b\r\n\"x, y\",1.5,-2e3\r\n\r\nz , 0.25 ,7\r\n");

        var data = Dataset.LoadCsv(file.Path, "kind");

        CollectionAssert.AreEqual(new[] { "a", "b" }, data.FeatureNames.ToArray());
        CollectionAssert.AreEqual(new[] { "x, y", "z" }, data.Classes.ToArray());
        CollectionAssert.AreEqual(new[] { 1.5, -2000, 0.25, 7 }, data.Values.ToArray());
    }

    [TestMethod]
    public void MapsLabelsToGivenClassesAndRejectsUnknownOnes()
    {
        using var file = TestFiles.Csv("a,label\n1,b\n2,a\n3,c\n");

        var known = Dataset.LoadCsv(file.Path, "label", ["c", "b", "a"]);
        var error = Assert.ThrowsExactly<DataFormatException>(() => Dataset.LoadCsv(file.Path, "label", ["a", "b"]));

        CollectionAssert.AreEqual(new[] { 1, 2, 0 }, known.Labels.ToArray());
        Assert.AreEqual(ErrorCodes.UnknownClassLabel, error.Code);
        Assert.AreEqual(4, error.Line);
        Assert.AreEqual(2, error.Column);
    }

    [TestMethod]
    [DataRow("1.5", 1.5)]
    [DataRow("+1.5", 1.5)]
    [DataRow("-0.25", -0.25)]
    [DataRow(".5", 0.5)]
    [DataRow("5.", 5.0)]
    [DataRow("1E3", 1000.0)]
    [DataRow("2.5e-3", 0.0025)]
    [DataRow(" 7 ", 7.0)]
    [DataRow("0.1", 0.1)]
    [DataRow("1e308", 1e308)]
    [DataRow("4.9406564584124654E-324", 4.9406564584124654E-324)]
    public void ParsesTheUsualSpellingsOfNumbers(string cell, double expected)
    {
        using var file = TestFiles.Csv($"a,label\n{cell},x\n");

        var data = Dataset.LoadCsv(file.Path, "label");

        Assert.AreEqual(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(data.Values[0]));
    }

    [TestMethod]
    public void ParsesEveryValueExactlyInALargerFile()
    {
        var rng = new Xoshiro256StarStar(7);
        var expected = new double[30000 * 3];
        var text = new System.Text.StringBuilder("a,b,c,label\n");
        for (var i = 0; i < 30000; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                expected[(i * 3) + j] = (rng.NextDouble() - 0.5) * Math.Pow(10, j * 3);
                text.Append(expected[(i * 3) + j].ToString("R", System.Globalization.CultureInfo.InvariantCulture)).Append(',');
            }

            text.Append(i % 4).Append('\n');
        }

        using var file = TestFiles.Csv(text.ToString());

        var data = Dataset.LoadCsv(file.Path, "label");

        CollectionAssert.AreEqual(expected, data.Values.ToArray());
        Assert.AreEqual(4, data.Classes.Count);
    }

    [TestMethod]
    [DataRow("", ErrorCodes.EmptyFile, 0, 0)]
    [DataRow("\n\n", ErrorCodes.EmptyFile, 0, 0)]
    [DataRow("a,label\n", ErrorCodes.EmptyFile, 1, 0)]
    [DataRow("a,b\n1,2\n", ErrorCodes.UnknownLabelColumn, 1, 0)]
    [DataRow("a,b,label\n1,2,x\n3,4\n", ErrorCodes.RaggedRow, 3, 0)]
    [DataRow("a,b,label\n1,2,x\n3,4,x,5\n", ErrorCodes.RaggedRow, 3, 0)]
    [DataRow("a,b,label\n1,2,x\n3,,x\n", ErrorCodes.EmptyCell, 3, 2)]
    [DataRow("a,b,label\n1,2,\n", ErrorCodes.EmptyCell, 2, 3)]
    [DataRow("a,b,label\n1,2,x\n3,4,x\n5,abc,y\n", ErrorCodes.NonNumericCell, 4, 2)]
    [DataRow("a,b,label\n1,2,x\n3,1.5.2,x\n", ErrorCodes.NonNumericCell, 3, 2)]
    [DataRow("a,b,label\n1,NaN,x\n", ErrorCodes.NonNumericCell, 2, 2)]
    [DataRow("a,b,label\n1,3\u00A02,x\n", ErrorCodes.NonNumericCell, 2, 2)]
    public void ReportsBadInputWithFileLineAndColumn(string text, string code, int line, int column)
    {
        using var file = TestFiles.Csv(text);

        var error = Assert.ThrowsExactly<DataFormatException>(() => Dataset.LoadCsv(file.Path, "label"));

        Assert.AreEqual(code, error.Code);
        Assert.AreEqual(file.Path, error.FilePath);
        Assert.AreEqual(line, error.Line);
        Assert.AreEqual(column, error.Column);
        StringAssert.StartsWith(error.Message, code);
        StringAssert.Contains(error.Message, file.Path);
        if (line > 0)
        {
            StringAssert.Contains(error.Message, $"line {line}");
        }

        if (column > 0)
        {
            StringAssert.Contains(error.Message, $"column {column}");
        }
    }

    [TestMethod]
    public void ReportsTheFirstBadRowInFileOrderEvenWhenParsedInParallel()
    {
        var text = new System.Text.StringBuilder("a,label\n");
        for (var i = 0; i < 20000; i++)
        {
            text.Append(i is 9000 or 15000 ? "bad" : "1").Append(",x\n");
        }

        using var file = TestFiles.Csv(text.ToString());

        var error = Assert.ThrowsExactly<DataFormatException>(() => Dataset.LoadCsv(file.Path, "label"));

        Assert.AreEqual(9002, error.Line);
    }
}
