using Microsoft.ML;
using Repro.Diagnostics;
using Repro.Models.MLNet;
using Repro.Registry;
using Repro.Serving;
using Repro.Verbs;

namespace Repro.Models.Tests;

[TestClass]
public sealed class RegisteredModelTests
{
    private ExperimentProject _project = null!;

    [TestInitialize]
    public void Create() => _project = new ExperimentProject();

    [TestCleanup]
    public void Delete() => _project.Dispose();

    [TestMethod]
    public void AModelPlacedInTheOutputLoadsOfflineProvenAndSaysWhatItIs()
    {
        var version = _project.Register(iterations: 20);
        _project.Promote(1);
        var output = Build("iris@production");

        var model = RegisteredModel.Load("iris@production", output);

        Assert.AreEqual(("iris", 1, "production", version.RunId, version.Artifact!.Sha256), (model.Name, model.Version, model.Alias, model.RunId, model.Sha256));
        Assert.AreEqual(Path.Combine(output, "models", "iris@1", "model.zip"), model.Path);
        Assert.AreEqual(0.9, model.Metrics["micro_accuracy"]);
        Assert.AreEqual(version.RegisteredAt, model.RegisteredAt);
        Assert.AreEqual($"iris@production (v1, run {version.RunId}, sha256 {version.Artifact.Sha256[..12]}…)", model.ToString());
        using (var file = model.OpenRead())
        {
            Assert.AreEqual(version.Artifact.Sha256, Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(file)).ToLowerInvariant());
        }

        var ml = new MLContext();
        var engine = ml.Model.CreatePredictionEngine<IrisInput, IrisPrediction>(model.LoadTransformer(ml, out var schema));
        Assert.AreEqual("setosa", engine.Predict(Iris.Setosa).PredictedSpecies);
        Assert.IsNotNull(schema.GetColumnOrNull("PetalWidth"));
    }

    [TestMethod]
    public void AModelFileAlteredOrMissingInTheOutputIsRefused()
    {
        _project.Register(iterations: 20);
        var output = Build("iris@1");
        var path = Path.Combine(output, "models", "iris@1", "model.zip");
        using (var file = File.OpenWrite(path))
        {
            file.Position = 100;
            file.WriteByte(0x42);
        }

        var altered = Assert.ThrowsExactly<ReproException>(() => RegisteredModel.Load("iris@1", output));
        Assert.AreEqual(ErrorCode.ModelFileChanged, altered.Code);
        StringAssert.Contains(altered.Message, "is not the one on record");
        File.Delete(path);
        StringAssert.Contains(Assert.ThrowsExactly<ReproException>(() => RegisteredModel.Load("iris@1", output)).Message, "is missing");
    }

    [TestMethod]
    public void AReferenceTheBuildDidNotPlaceIsNamedWithWhatItDidPlace()
    {
        _project.Register(iterations: 20);
        var output = Build("iris@1");

        var other = Assert.ThrowsExactly<ReproException>(() => RegisteredModel.Load("iris@production", output));
        Assert.AreEqual(ErrorCode.ModelNotInOutput, other.Code);
        StringAssert.Contains(other.Message, "it placed iris@1");
        var none = Assert.ThrowsExactly<ReproException>(() => RegisteredModel.Load("iris@1", _project.Beside("empty")));
        Assert.AreEqual("REPRO0095", none.Code);
        StringAssert.Contains(none.Message, "no models.lock.json");
    }

    [TestMethod]
    public void AtRunTimeAReferenceResolvesInTheRegistryAndTheFileIsProvenInTheCache()
    {
        var one = _project.Register(iterations: 20);
        _project.Register(iterations: 2);
        _project.Promote(1);
        var options = new ModelSourceOptions { Registry = _project.Directory, CacheDirectory = _project.Beside("cache") };

        var model = RegisteredModel.Load("iris@production", options);
        Assert.AreEqual((1, one.RunId), (model.Version, model.RunId));
        Assert.AreEqual(Path.Combine(options.CacheDirectory!, one.Artifact!.Sha256[..2], one.Artifact.Sha256), model.Path);
        Assert.AreEqual(ErrorCode.BadModelReference, Assert.ThrowsExactly<ReproException>(() => RegisteredModel.Load("iris", options)).Code);

        var two = _project.Registry.Resolve("iris", "2");
        File.WriteAllText(_project.ModelFile(two), "not the model");
        var refused = Assert.ThrowsExactly<ReproException>(() => RegisteredModel.Load($"iris@sha256:{two.Artifact!.Sha256[..10]}", options));
        Assert.AreEqual(ErrorCode.ModelFileChanged, refused.Code);
        StringAssert.Contains(refused.Message, $"run {two.RunId}");
        Assert.IsFalse(File.Exists(Path.Combine(options.CacheDirectory!, two.Artifact!.Sha256[..2], two.Artifact.Sha256)), "a refused file never enters the cache");
        Assert.AreEqual(1, RegisteredModel.Load("iris@production", options).Version, "what the cache holds is proven already: the run store is not read again");
    }

    /// <summary>What an application's build does: the lock resolved, each model proven in the cache and copied to the output with the lock.</summary>
    private string Build(params string[] references)
    {
        var application = _project.Beside("app");
        var output = _project.Beside("app-output");
        var project = ProjectSettings.Of(_project.Directory);
        var requests = references.Select(r => new ModelRequest(ModelReference.TryParse(r)!, project)).ToArray();
        var lockPath = Path.Combine(application, ModelLock.FileName);
        var placed = ApplicationModels.Resolve(lockPath, requests, LockMode.Use, new ModelCache(_project.Beside("cache"), new NoLog()), _ => null, new NoLog());
        foreach (var model in placed)
        {
            var destination = Path.Combine(output, model.OutputPath);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(model.Source, destination, overwrite: true);
        }

        File.Copy(lockPath, Path.Combine(output, ModelLock.FileName), overwrite: true);
        return output;
    }
}

internal sealed class NoLog : IRunLog
{
    public void Progress(string message)
    {
    }

    public void Detail(string message)
    {
    }

    public void Warning(string code, string message)
    {
    }

    public void Error(string code, string message)
    {
    }
}
