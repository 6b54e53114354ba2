using System.Globalization;
using System.Text;
using Repro.Fingerprints;
using Repro.Profiles;

namespace Repro.Core.Tests.Profiles;

[TestClass]
public sealed class ProfilerTests
{
    private const string Iris = "sepal_length,petal_width,species\n5.1,0.2,setosa\n4.9,0.2,setosa\n6.4,1.5,versicolor\n6.3,2.5,virginica\n";

    [TestMethod]
    public void ACsvGivesItsRowsColumnTypesStatisticsAndLabelClasses()
    {
        using var folder = new TempFolder();
        var path = folder.Write("iris.csv", Iris);

        var profiled = Profiler.Read(path, new ProfileOptions(LabelColumn: "species"));

        Assert.AreEqual(FileHash.Sha256(path), profiled.Sha256, "the hash is the file's SHA-256, taken in the same read");
        var profile = profiled.Profile;
        Assert.AreEqual(DataFormat.Delimited, profile.Format);
        Assert.AreEqual(",", profile.Delimiter);
        Assert.IsTrue(profile.Header);
        Assert.AreEqual(4L, profile.Rows);
        CollectionAssert.AreEqual(new[] { "sepal_length", "petal_width", "species" }, profile.Columns!.Select(c => c.Name).ToArray());
        CollectionAssert.AreEqual(new[] { ColumnType.Float, ColumnType.Float, ColumnType.Text }, profile.Columns!.Select(c => c.Type).ToArray());

        var sepal = profile.Columns![0];
        double[] values = [5.1, 4.9, 6.4, 6.3];
        Assert.AreEqual(values.Average(), sepal.Mean!.Value, 1e-12);
        var variance = values.Sum(v => (v - values.Average()) * (v - values.Average())) / (values.Length - 1);
        Assert.AreEqual(Math.Sqrt(variance), sepal.StdDev!.Value, 1e-12);
        Assert.AreEqual(4.9, sepal.Min);
        Assert.AreEqual(6.4, sepal.Max);
        Assert.AreEqual(4L, sepal.Count);
        Assert.AreEqual(0L, sepal.Missing);

        var species = profile.Columns![2];
        Assert.AreEqual("species", profile.LabelColumn);
        Assert.AreEqual(3L, species.Distinct);
        CollectionAssert.AreEqual(
            new[] { new ValueCount("setosa", 2), new ValueCount("versicolor", 1), new ValueCount("virginica", 1) },
            species.Values!.ToArray(), "most frequent first, ties in ordinal order");
        Assert.AreEqual(new LineValue(2, "setosa"), species.FirstText);
    }

    [TestMethod]
    public void QuantilesInterpolateBetweenOrderStatistics()
    {
        using var folder = new TempFolder();
        var path = folder.Write("n.csv", "n\n" + string.Join("\n", Enumerable.Range(0, 101).Reverse()) + "\n");

        var column = Profiler.Read(path, ProfileOptions.None).Profile.Columns!.Single();

        Assert.AreEqual(ColumnType.Integer, column.Type);
        Assert.AreEqual(5.0, column.Quantiles!["p05"]);
        Assert.AreEqual(50.0, column.Quantiles["p50"]);
        Assert.AreEqual(95.0, column.Quantiles["p95"]);
    }

    [TestMethod]
    public void QuotedFieldsKeepTheirDelimitersQuotesAndLineBreaks()
    {
        using var folder = new TempFolder();
        var path = folder.Write("notes.csv", "id,note\r\n1,\"a, b\"\r\n2,\"say \"\"hi\"\"\"\r\n\r\n3,\"two\nlines\"\r\n4,plain\r\n");

        var profiled = Profiler.Read(path, ProfileOptions.None);

        Assert.AreEqual(4L, profiled.Profile.Rows, "the blank line is no row, the quoted line break no new row");
        Assert.AreEqual(0L, profiled.Profile.RaggedRows);
        var note = profiled.Profile.Columns![1];
        CollectionAssert.AreEquivalent(new[] { "a, b", "say \"hi\"", "two\nlines", "plain" }, note.Values!.Select(v => v.Value).ToArray());
        CollectionAssert.AreEqual(new long[] { 2, 3, 5, 7 }, Enumerable.Range(0, 4).Select(profiled.Rows!.Line).ToArray(),
            "each row's line in the file, past the blank line and the quoted break");
    }

    [TestMethod]
    public void MissingAndRaggedFieldsAreCounted()
    {
        using var folder = new TempFolder();
        var path = folder.Write("gaps.tsv", "a\tb\tc\n1\t\t3\n4\t5\n7\t8\t9\n");

        var profile = Profiler.Read(path, ProfileOptions.None).Profile;

        Assert.AreEqual("\t", profile.Delimiter);
        Assert.AreEqual(1L, profile.RaggedRows);
        CollectionAssert.AreEqual(new long[] { 0, 1, 1 }, profile.Columns!.Select(c => c.Missing).ToArray());
    }

    [TestMethod]
    public void AFileThatIsNotDelimitedTextHasItsSizeAndHashOnly()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "weights.bin");
        File.WriteAllBytes(path, [0, 1, 2, 3, 0, 5]);

        var profiled = Profiler.Read(path, ProfileOptions.None);

        Assert.AreEqual(DataFormat.Other, profiled.Profile.Format);
        Assert.AreEqual(6L, profiled.Profile.Bytes);
        Assert.AreEqual(FileHash.Sha256(path), profiled.Sha256);
        Assert.IsNull(profiled.Rows);
        Assert.IsNull(profiled.Profile.Columns);
    }

    [TestMethod]
    public void AFileLargerThanTheBufferGivesWhatAPlainReadingGives()
    {
        using var folder = new TempFolder();
        var text = new StringBuilder("x,label,note\n");
        var xs = new List<double>();
        for (var i = 0; i < 150_000; i++)
        {
            var x = (i * 7919 % 10007) / 13.0;
            xs.Add(double.Parse(x.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
            // Every 97th row holds a quoted line break, so some rows straddle the reader's buffers.
            var note = i % 97 == 0 ? "\"multi\nline, quoted\"" : "n" + (i % 3);
            text.Append(CultureInfo.InvariantCulture, $"{x:R},{(i % 3 == 0 ? "a" : "b")},{note}\n");
        }

        var path = folder.Write("big.csv", text.ToString());
        Assert.IsTrue(new FileInfo(path).Length > 2 << 20, "the file spans several buffers");

        var profiled = Profiler.Read(path, new ProfileOptions(LabelColumn: "label"));

        Assert.AreEqual(FileHash.Sha256(path), profiled.Sha256);
        Assert.AreEqual(150_000L, profiled.Profile.Rows);
        Assert.AreEqual(0L, profiled.Profile.RaggedRows);
        var x0 = profiled.Profile.Columns![0];
        Assert.AreEqual(xs.Average(), x0.Mean!.Value, 1e-9);
        Assert.AreEqual(xs.Min(), x0.Min);
        Assert.AreEqual(xs.Max(), x0.Max);
        CollectionAssert.AreEqual(new[] { new ValueCount("b", 100_000), new ValueCount("a", 50_000) }, profiled.Profile.Columns![1].Values!.ToArray());
        Assert.AreEqual(150_000, profiled.Rows!.Count);
        Assert.AreEqual((150_000L + 96) / 97, profiled.Profile.Columns![2].Values!.Single(v => v.Value == "multi\nline, quoted").Count);
    }

    [TestMethod]
    public void RepeatedValuesCountedOnceGiveTheStatisticsOfEveryValue()
    {
        using var folder = new TempFolder();
        var text = new StringBuilder("few,ints,late_text\n");
        var few = new List<double>();
        for (var i = 0; i < 5_000; i++)
        {
            var value = (i * 31 % 17) / 4.0;
            few.Add(value);
            text.Append(CultureInfo.InvariantCulture, $"{value:R},{i % 5},{(i == 4_321 ? "n/a" : (i % 7).ToString(CultureInfo.InvariantCulture))}\n");
        }

        var columns = Profiler.Read(folder.Write("few.csv", text.ToString()), ProfileOptions.None).Profile.Columns!;

        var mean = few.Average();
        Assert.AreEqual(ColumnType.Float, columns[0].Type);
        Assert.AreEqual(mean, columns[0].Mean!.Value, 1e-12);
        Assert.AreEqual(Math.Sqrt(few.Sum(v => (v - mean) * (v - mean)) / (few.Count - 1)), columns[0].StdDev!.Value, 1e-12);
        Assert.AreEqual(few.Min(), columns[0].Min);
        Assert.AreEqual(few.Max(), columns[0].Max);
        Assert.AreEqual(17, columns[0].Distinct);
        Assert.AreEqual(ColumnType.Integer, columns[1].Type);
        Assert.AreEqual(2.0, columns[1].Mean!.Value, 1e-12);
        Assert.AreEqual(ColumnType.Text, columns[2].Type, "one value that is not a number makes the column text");
        Assert.AreEqual(new LineValue(4_323, "n/a"), columns[2].FirstText, "named at its line, though its value's level came late");
    }

    [TestMethod]
    public void RowsReadInChunksOnManyThreadsGiveWhatAPlainReadingGives()
    {
        // No quotes, so buffers are read on every core at once; blank lines, ragged rows, a late text value, a
        // column with too many values to count, and a removed row test that lines and counts survive the merges.
        using var folder = new TempFolder();
        var lines = new List<string> { "x,id,label,note" };
        var xs = new List<double>();
        var blank = new List<int>();
        for (var i = 0; i < 200_000; i++)
        {
            if (i % 1_000 == 999)
            {
                lines.Add("");
            }

            var x = (i * 7919 % 10007) / 8.0;
            xs.Add(x);
            var note = i == 150_001 ? "n/a" : (i % 7).ToString(CultureInfo.InvariantCulture);
            lines.Add(i % 5_000 == 4_999 ? $"{x.ToString("R", CultureInfo.InvariantCulture)},{i}" : $"{x.ToString("R", CultureInfo.InvariantCulture)},{i},{(i % 3 == 0 ? "a" : "b")},{note}");
        }

        var path = folder.Write("chunks.csv", string.Join("\n", lines) + "\n");
        Assert.IsTrue(new FileInfo(path).Length > 3 << 20, "the file spans several buffers");
        var textLine = lines.FindIndex(l => l.EndsWith(",n/a", StringComparison.Ordinal)) + 1;
        Assert.IsGreaterThan(150_000, textLine);

        var profiled = Profiler.Read(path, new ProfileOptions(LabelColumn: "label"));

        Assert.AreEqual(FileHash.Sha256(path), profiled.Sha256);
        Assert.AreEqual(200_000L, profiled.Profile.Rows);
        Assert.AreEqual(40L, profiled.Profile.RaggedRows);
        var columns = profiled.Profile.Columns!;
        Assert.AreEqual(xs.Average(), columns[0].Mean!.Value, 1e-9);
        var mean = xs.Average();
        Assert.AreEqual(Math.Sqrt(xs.Sum(v => (v - mean) * (v - mean)) / (xs.Count - 1)), columns[0].StdDev!.Value, 1e-9);
        Assert.AreEqual(xs.Min(), columns[0].Min);
        Assert.AreEqual(xs.Max(), columns[0].Max);
        Assert.IsNull(columns[0].Distinct, "10,007 values: more than are counted");
        Assert.AreEqual(ColumnType.Integer, columns[1].Type);
        Assert.AreEqual(199_999 / 2.0, columns[1].Mean!.Value, 1e-6);
        var labels = lines.Skip(1).Select(l => l.Split(',')).Where(f => f.Length > 2).GroupBy(f => f[2]).ToDictionary(g => g.Key, g => (long)g.Count());
        CollectionAssert.AreEqual(new[] { new ValueCount("b", labels["b"]), new ValueCount("a", labels["a"]) }, columns[2].Values!.ToArray());
        Assert.AreEqual(40L, columns[2].Missing);
        Assert.AreEqual(new LineValue(textLine, "n/a"), columns[3].FirstText);

        // A row removed near the end is named at its line, past 199 blank lines and many chunks.
        var removed = lines.Count - 10;
        var shorter = folder.Write("shorter.csv", string.Join("\n", lines.Where((_, i) => i != removed - 1)) + "\n");
        var changes = RowFingerprints.Compare(profiled.Rows!, Profiler.Read(shorter, ProfileOptions.None).Rows!);
        CollectionAssert.AreEqual(new[] { (long)removed }, changes.RemovedLines.ToArray());
        Assert.IsEmpty(changes.AddedLines);
    }

    [TestMethod]
    public void AnyNumberOfBuffersInFlightGivesWhatOneScannerReadingTheWholeFileGives()
    {
        // A row with one more column late in the file: the buffers read ahead of it cannot be merged, so they are
        // read again in order; the profile must not depend on how many were read ahead.
        using var folder = new TempFolder();
        var text = new StringBuilder("x,id,label\n");
        for (var i = 0; i < 300_000; i++)
        {
            if (i % 777 == 776)
            {
                text.Append('\n');
            }

            var x = (i * 7919 % 10007) / 8.0;
            text.Append(CultureInfo.InvariantCulture, $"{x:R},{i},{(i % 3 == 0 ? "a" : "b")}{(i == 210_000 ? ",extra" : "")}\n");
        }

        var path = folder.Write("wide.csv", text.ToString());
        Assert.IsTrue(new FileInfo(path).Length > 4 << 20, "the file spans several buffers");
        var options = new ProfileOptions(LabelColumn: "label");
        var bytes = File.ReadAllBytes(path);
        var plain = new DelimitedScanner((byte)',', header: true, "label", bytes.Length);
        Assert.AreEqual(bytes.Length, plain.Scan(bytes, endOfFile: true));
        var (expected, expectedRows) = plain.Finish(FileHash.Sha256(path), bytes.Length, DelimitedFormat.Of(path));
        Assert.AreEqual(4, expected.Columns!.Count, "the extra column is a column");
        string? first = null;
        foreach (var inFlight in new[] { 1, 2, 8 })
        {
            var profiled = Profiler.Read(path, options, inFlight);

            var json = System.Text.Json.JsonSerializer.Serialize(profiled.Profile);
            Assert.AreEqual(first ??= json, json, $"{inFlight} in flight: the same bits");
            // Sums merged chunk by chunk round differently from one running sum: the same to 12 digits.
            Assert.AreEqual(Rounded(expected with { LabelColumn = "label" }), Rounded(profiled.Profile), $"{inFlight} in flight");
            Assert.AreEqual(expectedRows.Count, profiled.Rows!.Count);
            for (var row = 0; row < expectedRows.Count; row++)
            {
                Assert.AreEqual(expectedRows[row], profiled.Rows[row], $"{inFlight} in flight, row {row}");
                Assert.AreEqual(expectedRows.Line(row), profiled.Rows.Line(row), $"{inFlight} in flight, row {row}");
            }
        }
    }

    private static string Rounded(DataProfile profile) => System.Text.Json.JsonSerializer.Serialize(profile with
    {
        Columns = [.. profile.Columns!.Select(c => c with { Mean = Round(c.Mean), StdDev = Round(c.StdDev) })],
    });

    private static double? Round(double? value) => value is { } v ? double.Parse(v.ToString("G12", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : null;

    [TestMethod]
    public void TheSameBytesGiveTheSameProfile()
    {
        using var folder = new TempFolder();
        var path = folder.Write("iris.csv", Iris);

        var first = System.Text.Json.JsonSerializer.Serialize(Profiler.Read(path, ProfileOptions.None).Profile);
        var second = System.Text.Json.JsonSerializer.Serialize(Profiler.Read(path, ProfileOptions.None).Profile);

        Assert.AreEqual(first, second);
    }

    [TestMethod]
    public void RowFingerprintsSurviveTheirFileAndAFileCutShortIsNone()
    {
        using var folder = new TempFolder();
        var rows = Profiler.Read(folder.Write("iris.csv", Iris), ProfileOptions.None).Rows!;
        var path = Path.Combine(folder.Path, "rows", "iris.rows");

        rows.Write(path);
        var read = RowFingerprints.Read(path)!;

        Assert.AreEqual(rows.Count, read.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.AreEqual(rows[i], read[i]);
            Assert.AreEqual(rows.Line(i), read.Line(i));
        }

        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^3]);
        Assert.IsNull(RowFingerprints.Read(path));
        Assert.IsNull(RowFingerprints.Read(Path.Combine(folder.Path, "none.rows")));
    }
}
