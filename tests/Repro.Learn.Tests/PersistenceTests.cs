namespace Repro.Learn.Tests;

[TestClass]
public sealed class PersistenceTests
{
    private static IEnumerable<object[]> Models()
    {
        var (_, split) = TestFiles.ReferenceSplit("wine");
        yield return [new LogisticRegression().Fit(split.Train), split.Test];
        yield return [new LogisticRegression { Standardize = true }.Fit(split.Train), split.Test];
        yield return [new DecisionTree { Seed = 2 }.Fit(split.Train), split.Test];
        yield return [new RandomForest { Trees = 15, Seed = 4 }.Fit(split.Train), split.Test];
    }

    [TestMethod]
    [DynamicData(nameof(Models))]
    public void LoadedModelPredictsExactlyAsTheSavedOneAndSavesTheSameBytes(IClassifier model, Dataset test)
    {
        var bytes = SyntheticData.Bytes(model);

        var loaded = ModelFile.Load(new MemoryStream(bytes));

        Assert.AreEqual(model.GetType(), loaded.GetType());
        CollectionAssert.AreEqual(model.Classes.ToArray(), loaded.Classes.ToArray());
        CollectionAssert.AreEqual(model.FeatureNames.ToArray(), loaded.FeatureNames.ToArray());
        CollectionAssert.AreEqual(model.PredictProbabilities(test), loaded.PredictProbabilities(test));
        CollectionAssert.AreEqual(model.Predict(test), loaded.Predict(test));
        CollectionAssert.AreEqual(bytes, SyntheticData.Bytes(loaded));
    }

    [TestMethod]
    public void TypedLoadReadsItsKindAndRefusesAnother()
    {
        var (_, split) = TestFiles.ReferenceSplit("iris");
        var forest = new RandomForest { Trees = 3 }.Fit(split.Train);
        var bytes = SyntheticData.Bytes(forest);

        var loaded = RandomForestModel.Load(new MemoryStream(bytes));
        var error = Assert.ThrowsExactly<InvalidOptionException>(() => LogisticRegressionModel.Load(new MemoryStream(bytes)));

        Assert.AreEqual(3, loaded.TreeCount);
        Assert.AreEqual(ErrorCodes.BadModelFile, error.Code);
    }

    [TestMethod]
    public void SavesAndLoadsThroughAFile()
    {
        var (_, split) = TestFiles.ReferenceSplit("iris");
        var model = new LogisticRegression().Fit(split.Train);
        var path = Path.Combine(Path.GetTempPath(), $"repro-learn-{Guid.NewGuid():N}.model");
        try
        {
            ModelFile.Save(model, path);
            var loaded = (LogisticRegressionModel)ModelFile.Load(path);

            Assert.AreEqual(model.Fit, loaded.Fit);
            CollectionAssert.AreEqual(model.PredictProbabilities(split.Test), loaded.PredictProbabilities(split.Test));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void RejectsDamagedOrForeignFiles()
    {
        var (_, split) = TestFiles.ReferenceSplit("iris");
        var bytes = SyntheticData.Bytes(new DecisionTree().Fit(split.Train));
        var truncated = bytes[..(bytes.Length / 2)];
        var otherVersion = (byte[])bytes.Clone();
        otherVersion[8] = 99;

        foreach (var bad in new[] { truncated, otherVersion, "not a model"u8.ToArray(), Array.Empty<byte>() })
        {
            var error = Assert.ThrowsExactly<InvalidOptionException>(() => ModelFile.Load(new MemoryStream(bad)));
            Assert.AreEqual(ErrorCodes.BadModelFile, error.Code);
        }
    }

    [TestMethod]
    public void PredictingDataWithOtherFeaturesIsAnError()
    {
        var (_, split) = TestFiles.ReferenceSplit("iris");
        var model = new RandomForest { Trees = 2 }.Fit(split.Train);
        var other = new Dataset([1, 2, 3], [0], ["setosa"], ["a", "b", "c"]);

        Assert.AreEqual(ErrorCodes.ShapeMismatch, Assert.ThrowsExactly<InvalidOptionException>(() => model.Predict(other)).Code);
    }
}
