namespace Repro.Learn.Tests;

[TestClass]
public sealed class ForestTests
{
    [TestMethod]
    [DataRow("iris")]
    [DataRow("wine")]
    [DataRow("breast_cancer")]
    public void AccuracyIsWithinTwoPointsOfScikitLearnOverFiveSeeds(string name)
    {
        var (reference, split) = TestFiles.ReferenceSplit(name);
        var expected = reference.RandomForest;

        var accuracies = expected.Seeds
            .Select(seed => new RandomForest { Trees = expected.Trees, Seed = seed }.Fit(split.Train))
            .Select(model => Metrics.Accuracy(split.Test.Labels, model.Predict(split.Test)))
            .ToArray();

        Assert.AreEqual(expected.MeanAccuracy, accuracies.Average(), 0.02, $"{name}: ours {string.Join(", ", accuracies)}");
    }

    [TestMethod]
    public void SameSeedGivesIdenticalBytesAndOneThreadEqualsEight()
    {
        var (_, split) = TestFiles.ReferenceSplit("breast_cancer");

        var one = SyntheticData.Bytes(new RandomForest { Trees = 40, Seed = 3, MaxDegreeOfParallelism = 1 }.Fit(split.Train));
        var eight = SyntheticData.Bytes(new RandomForest { Trees = 40, Seed = 3, MaxDegreeOfParallelism = 8 }.Fit(split.Train));
        var again = SyntheticData.Bytes(new RandomForest { Trees = 40, Seed = 3 }.Fit(split.Train));

        CollectionAssert.AreEqual(one, eight);
        CollectionAssert.AreEqual(one, again);
    }

    [TestMethod]
    public void SameSeedGivesIdenticalMetrics()
    {
        var (_, split) = TestFiles.ReferenceSplit("wine");

        var first = Evaluation.Of(new RandomForest { Trees = 25, Seed = 8 }.Fit(split.Train), split.Test).ToJson();
        var second = Evaluation.Of(new RandomForest { Trees = 25, Seed = 8, MaxDegreeOfParallelism = 1 }.Fit(split.Train), split.Test).ToJson();

        Assert.AreEqual(first, second);
    }

    [TestMethod]
    public void DifferentSeedGivesADifferentForest()
    {
        var (_, split) = TestFiles.ReferenceSplit("breast_cancer");

        var a = SyntheticData.Bytes(new RandomForest { Trees = 10, Seed = 1 }.Fit(split.Train));
        var b = SyntheticData.Bytes(new RandomForest { Trees = 10, Seed = 2 }.Fit(split.Train));

        CollectionAssert.AreNotEqual(a, b);
    }

    [TestMethod]
    public void PredictionsOfManyRowsAreRepeatableAndAccurate()
    {
        var data = SyntheticData.Make(rows: 6000, features: 8, classes: 4, seed: 2);
        var split = DataSplit.TrainTest(data, 0.5, seed: 1);
        var model = new RandomForest { Trees = 20, Seed = 9, MaxDepth = 8 }.Fit(split.Train);

        var first = model.PredictProbabilities(split.Test);
        var second = model.PredictProbabilities(split.Test);

        CollectionAssert.AreEqual(first, second);
        Assert.IsTrue(Metrics.Accuracy(split.Test.Labels, model.Predict(split.Test)) > 0.6);
    }

    [TestMethod]
    public void MaxDepthAndMinSamplesLeafLimitTheTrees()
    {
        var (_, split) = TestFiles.ReferenceSplit("breast_cancer");

        var stump = new DecisionTree { MaxDepth = 1 }.Fit(split.Train);
        var full = new DecisionTree().Fit(split.Train);
        var coarse = new DecisionTree { MinSamplesLeaf = 50 }.Fit(split.Train);

        Assert.AreEqual(3, stump.NodeCount);
        Assert.IsTrue(full.NodeCount > coarse.NodeCount);
        Assert.AreEqual(1.0, Metrics.Accuracy(split.Train.Labels, full.Predict(split.Train)));
        Assert.IsTrue(Metrics.Accuracy(split.Test.Labels, full.Predict(split.Test)) > 0.85);
    }

    [TestMethod]
    public void RejectsOptionsOutOfRange()
    {
        var (_, split) = TestFiles.ReferenceSplit("iris");

        Assert.AreEqual(ErrorCodes.InvalidOption, Assert.ThrowsExactly<InvalidOptionException>(() => new RandomForest { Trees = 0 }.Fit(split.Train)).Code);
        Assert.AreEqual(ErrorCodes.InvalidOption, Assert.ThrowsExactly<InvalidOptionException>(() => new RandomForest { MaxDepth = 0 }.Fit(split.Train)).Code);
        Assert.AreEqual(ErrorCodes.InvalidOption, Assert.ThrowsExactly<InvalidOptionException>(() => new RandomForest { MinSamplesLeaf = 0 }.Fit(split.Train)).Code);
        Assert.AreEqual(ErrorCodes.InvalidOption, Assert.ThrowsExactly<InvalidOptionException>(() => new RandomForest { MaxFeatures = 5 }.Fit(split.Train)).Code);
    }
}
