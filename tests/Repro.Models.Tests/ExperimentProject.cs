using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Repro.Fingerprints;
using Repro.Probes;
using Repro.Records;
using Repro.Registry;
using Repro.Runs;

namespace Repro.Models.Tests;

/// <summary>
/// An experiment project as an application sees one: runs with real ML.NET models, registered as versions of "iris".
/// The models are trained here, small and once per project.
/// </summary>
internal sealed class ExperimentProject : IDisposable
{
    private int _minute;

    public ExperimentProject()
    {
        Directory = System.IO.Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "repro-tests", Guid.NewGuid().ToString("N"), "Iris")).FullName;
        File.WriteAllText(System.IO.Path.Combine(Directory, "Iris.csproj"), "<Project />");
        Store = new RunStore(System.IO.Path.Combine(Directory, "runs"));
        Registry = new ModelRegistry(System.IO.Path.Combine(Directory, "registry"));
    }

    public string Directory { get; }

    public RunStore Store { get; }

    public ModelRegistry Registry { get; }

    /// <summary>A folder of its own beside the project, for a cache or an application's output.</summary>
    public string Beside(string name) => System.IO.Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(Directory)!, name)).FullName;

    /// <summary>Trains an iris model for <paramref name="iterations"/> iterations, records it as a completed run, and registers it.</summary>
    public ModelVersion Register(int iterations)
    {
        var id = RunId.New(DateTimeOffset.UnixEpoch.AddYears(56).AddMinutes(++_minute));
        var folder = System.IO.Directory.CreateDirectory(Store.Folder(id)).FullName;
        System.IO.Directory.CreateDirectory(System.IO.Path.Combine(folder, "artifacts"));
        File.WriteAllText(System.IO.Path.Combine(folder, RunFiles.Config), "{}");
        File.WriteAllText(System.IO.Path.Combine(folder, RunFiles.Metrics), "{\"micro_accuracy\": 0.9}");
        Iris.Train(iterations, System.IO.Path.Combine(folder, "artifacts", "model.zip"));
        var record = new RunRecord
        {
            RunId = id,
            Experiment = "iris-sdca",
            Status = RunStatus.Completed,
            Seed = 42,
            TestSize = 0.2,
            Params = new(StringComparer.Ordinal) { ["MaxIterations"] = iterations.ToString(CultureInfo.InvariantCulture) },
            Overrides = [],
            Metrics = new(StringComparer.Ordinal) { ["micro_accuracy"] = 0.9 },
            Git = new GitRecord(new string('a', 40), false, "main", null),
            LockFile = new LockFileRecord("packages.lock.json", new string('c', 64)),
            Data = [],
            Artifacts = FileFingerprint.Of(folder, ["artifacts"]),
            Program = new ProgramRecord("bin/Debug/net10.0/Iris.dll", new string('f', 64), "net10.0"),
            Environment = EnvironmentProbe.Read("10.0.100", null),
            Files = new RecordFiles(FileHash.Sha256(System.IO.Path.Combine(folder, RunFiles.Config)), FileHash.Sha256(System.IO.Path.Combine(folder, RunFiles.Metrics))),
            StartedAt = DateTimeOffset.UnixEpoch,
            DurationMs = 1,
            Command = "dotnet build -t:Train",
        };
        RecordJson.WriteRecord(System.IO.Path.Combine(folder, RunFiles.Run), record);
        return Registration.Register(Store, Registry, id, "iris", allowDirty: false, Directory);
    }

    public void Promote(int version, string alias = "production") =>
        Registration.Promote(Registry, new ModelReference("iris", version.ToString(CultureInfo.InvariantCulture)), alias);

    /// <summary>The model file of a registered version, in the run store.</summary>
    public string ModelFile(ModelVersion version) => System.IO.Path.Combine(Store.Folder(version.RunId), "artifacts", "model.zip");

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(System.IO.Path.GetDirectoryName(Directory)!, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>Iris measurements in; the species and the scores out, as the sample's service speaks.</summary>
public sealed class IrisInput
{
    [LoadColumn(0)] public float SepalLength { get; set; }
    [LoadColumn(1)] public float SepalWidth { get; set; }
    [LoadColumn(2)] public float PetalLength { get; set; }
    [LoadColumn(3)] public float PetalWidth { get; set; }
    [LoadColumn(4)] public string Species { get; set; } = "";
}

public sealed class IrisPrediction
{
    public string PredictedSpecies { get; set; } = "";

    public float[] Score { get; set; } = [];
}

internal static class Iris
{
    public static readonly IrisInput Setosa = new() { SepalLength = 5.1f, SepalWidth = 3.5f, PetalLength = 1.4f, PetalWidth = 0.2f };

    /// <summary>SDCA on the sample's iris.csv; fewer iterations give another model (other bytes, other scores).</summary>
    public static void Train(int iterations, string path)
    {
        var ml = new MLContext(seed: 42);
        var data = ml.Data.LoadFromTextFile<IrisInput>(DataFile, separatorChar: ',', hasHeader: true);
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label", nameof(IrisInput.Species))
            .Append(ml.Transforms.Concatenate("Features", nameof(IrisInput.SepalLength), nameof(IrisInput.SepalWidth), nameof(IrisInput.PetalLength), nameof(IrisInput.PetalWidth)))
            .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(maximumNumberOfIterations: iterations))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedSpecies", "PredictedLabel"));
        ml.Model.Save(pipeline.Fit(data), data.Schema, path);
    }

    private static string DataFile
    {
        get
        {
            for (var directory = AppContext.BaseDirectory; directory is not null; directory = System.IO.Path.GetDirectoryName(directory))
            {
                var candidate = System.IO.Path.Combine(directory, "samples", "IrisExperiment", "data", "iris.csv");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            throw new FileNotFoundException("samples/IrisExperiment/data/iris.csv is not above the test's folder");
        }
    }
}
