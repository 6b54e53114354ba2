namespace Repro.Learn.Tests;

[TestClass]
public sealed class SplitTests
{
    private static readonly Dataset Iris = Dataset.LoadCsv(TestFiles.DataPath("iris"), "species");

    [TestMethod]
    public void TrainTestHoldsOutCeilingOfTestSizeAndKeepsClassesInProportion()
    {
        var split = DataSplit.TrainTest(Iris, 0.21, seed: 3);

        Assert.AreEqual(32, split.Test.Rows);
        Assert.AreEqual(118, split.Train.Rows);
        var testCounts = split.Test.ClassCounts();
        foreach (var count in testCounts)
        {
            Assert.IsTrue(count is 10 or 11, $"class got {count} test rows");
        }

        CollectionAssert.AreEqual(Iris.Classes.ToArray(), split.Train.Classes.ToArray());
    }

    [TestMethod]
    public void TrainTestIsAPureFunctionOfTheSeed()
    {
        var a = DataSplit.TrainTest(Iris, 0.2, seed: 11);
        var b = DataSplit.TrainTest(Iris, 0.2, seed: 11);
        var c = DataSplit.TrainTest(Iris, 0.2, seed: 12);

        CollectionAssert.AreEqual(a.TestRows.ToArray(), b.TestRows.ToArray());
        CollectionAssert.AreNotEqual(a.TestRows.ToArray(), c.TestRows.ToArray());
        CollectionAssert.AllItemsAreUnique(a.TestRows.ToArray());
    }

    [TestMethod]
    public void TrainAndTestPartitionTheRows()
    {
        var split = DataSplit.TrainTest(Iris, 0.3, seed: 5);
        var test = new HashSet<int>(split.TestRows);

        Assert.AreEqual(45, test.Count);
        var trainRow = 0;
        for (var row = 0; row < Iris.Rows; row++)
        {
            if (!test.Contains(row))
            {
                CollectionAssert.AreEqual(Iris.Row(row).ToArray(), split.Train.Row(trainRow).ToArray());
                trainRow++;
            }
        }

        Assert.AreEqual(split.Train.Rows, trainRow);
    }

    [TestMethod]
    [DataRow(0.0)]
    [DataRow(1.0)]
    [DataRow(-0.1)]
    [DataRow(double.NaN)]
    public void RejectsTestSizeOutsideTheOpenUnitInterval(double testSize)
    {
        var error = Assert.ThrowsExactly<InvalidOptionException>(() => DataSplit.TrainTest(Iris, testSize, 0));

        Assert.AreEqual(ErrorCodes.InvalidOption, error.Code);
        Assert.AreEqual("testSize", error.OptionName);
    }

    [TestMethod]
    public void RefusesToStratifyAClassWithOneRow()
    {
        var data = new Dataset([1, 2, 3, 4, 5], [0, 0, 1, 1, 2], ["a", "b", "c"], ["x"]);

        var error = Assert.ThrowsExactly<InvalidOptionException>(() => DataSplit.TrainTest(data, 0.5, 0));

        Assert.AreEqual(ErrorCodes.CannotSplit, error.Code);
        StringAssert.Contains(error.Message, "'c'");
    }

    [TestMethod]
    public void RefusesATestSetTooSmallForEveryClass()
    {
        var error = Assert.ThrowsExactly<InvalidOptionException>(() => DataSplit.TrainTest(Iris, 0.01, 0));

        Assert.AreEqual(ErrorCodes.CannotSplit, error.Code);
    }

    [TestMethod]
    public void KFoldTestsEveryRowExactlyOnceWithStratifiedFolds()
    {
        var folds = DataSplit.KFold(Iris, 5, seed: 9);
        var seen = new int[Iris.Rows];

        Assert.AreEqual(5, folds.Count);
        foreach (var fold in folds)
        {
            Assert.AreEqual(30, fold.Test.Rows);
            Assert.AreEqual(120, fold.Train.Rows);
            CollectionAssert.AreEqual(new[] { 10, 10, 10 }, fold.Test.ClassCounts());
            foreach (var row in fold.TestRows)
            {
                seen[row]++;
            }
        }

        Assert.IsTrue(seen.All(count => count == 1));
        CollectionAssert.AreEqual(folds[2].TestRows.ToArray(), DataSplit.KFold(Iris, 5, seed: 9)[2].TestRows.ToArray());
    }

    [TestMethod]
    public void KFoldRejectsFewerThanTwoFolds()
    {
        Assert.AreEqual(ErrorCodes.InvalidOption, Assert.ThrowsExactly<InvalidOptionException>(() => DataSplit.KFold(Iris, 1, 0)).Code);
    }

    [TestMethod]
    public void ByTestRowsUsesExactlyTheGivenRows()
    {
        var split = DataSplit.ByTestRows(Iris, [149, 0, 75]);

        Assert.AreEqual(3, split.Test.Rows);
        CollectionAssert.AreEqual(Iris.Row(149).ToArray(), split.Test.Row(0).ToArray());
        CollectionAssert.AreEqual(Iris.Row(1).ToArray(), split.Train.Row(0).ToArray());
        Assert.AreEqual(ErrorCodes.InvalidOption, Assert.ThrowsExactly<InvalidOptionException>(() => DataSplit.ByTestRows(Iris, [1, 1])).Code);
    }
}
