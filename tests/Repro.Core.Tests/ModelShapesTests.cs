using Repro.Records;

namespace Repro.Core.Tests;

[TestClass]
public sealed class ModelShapesTests
{
    [TestMethod]
    public void AnEmptyOrMissingShapeLeavesTheRecordWithout()
    {
        Assert.IsNull(ModelShapes.Trainers(null));
        Assert.IsNull(ModelShapes.Pipelines(new ModelShape()));
    }

    [TestMethod]
    public void OptionsKeepNullsAndAreSortedOrdinal()
    {
        var shape = new ModelShape();
        shape.Trainers["Sdca"] = new(StringComparer.Ordinal) { ["b"] = "1", ["B"] = null };

        var trainers = ModelShapes.Trainers(shape)!;

        CollectionAssert.AreEqual(new[] { "B", "b" }, trainers["Sdca"].Keys.ToArray());
        Assert.IsNull(trainers["Sdca"]["B"]);
    }

    [TestMethod]
    public void AModelShapeFileIsReadAndGarbageIsNone()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "model-shape.json");
        File.WriteAllText(path, """{"trainers":{"Sdca":{"L2Regularization":"0.1","Seed":null}},"pipelines":{"artifacts/model.zip":[{"transformer":"NormalizingTransformer","inputs":null,"outputs":["X"]}]}}""");

        var shape = RecordJson.ReadModelShape(path)!;

        Assert.AreEqual("0.1", shape.Trainers["Sdca"]["L2Regularization"]);
        Assert.IsNull(shape.Pipelines["artifacts/model.zip"][0].Inputs);
        File.WriteAllText(path, "{");
        Assert.IsNull(RecordJson.ReadModelShape(path));
    }
}
