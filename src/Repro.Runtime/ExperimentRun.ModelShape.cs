using System.Globalization;

namespace Repro;

public sealed partial class ExperimentRun
{
    private readonly ModelShape _shape = new();

    /// <summary>
    /// Records a trainer's options, defaults included, in <c>model-shape.json</c>, from where the build copies them into
    /// run.json (<c>trainers</c>); Compare and Reproduce then name an option that changed. A name recorded before in this
    /// run takes the next free number ("Sdca", "Sdca#2", …), so a program that trains twice keeps both, in call order.
    /// </summary>
    /// <param name="trainer">The trainer's name, such as SdcaRegression or RandomForest.</param>
    /// <param name="options">Option name → value as invariant text; null for an option left null.</param>
    /// <returns>The name the options were recorded under.</returns>
    public string RecordOptions(string trainer, IReadOnlyDictionary<string, string?> options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(trainer);
        ArgumentNullException.ThrowIfNull(options);
        lock (_shape)
        {
            var name = trainer;
            for (var number = 2; _shape.Trainers.ContainsKey(name); number++)
            {
                name = trainer + "#" + number.ToString(CultureInfo.InvariantCulture);
            }

            _shape.Trainers[name] = new SortedDictionary<string, string?>(options.ToDictionary(o => o.Key, o => o.Value, StringComparer.Ordinal), StringComparer.Ordinal);
            WriteJson(RunFiles.ModelShape, _shape, RuntimeJson.Default.ModelShape);
            return name;
        }
    }

    /// <summary>
    /// Records the steps of the pipeline saved as the artifact <paramref name="artifact"/> in <c>model-shape.json</c>
    /// (run.json's <c>pipelines</c>, by the artifact's path in the run folder); saving that artifact again replaces them.
    /// </summary>
    /// <exception cref="ExperimentException">REPRO2005 when <paramref name="artifact"/> leaves the artifacts folder.</exception>
    public void RecordPipeline(string artifact, IReadOnlyList<PipelineStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var path = Path.GetRelativePath(RunDirectory, ArtifactPath(artifact)).Replace('\\', '/');
        lock (_shape)
        {
            _shape.Pipelines[path] = [.. steps];
            WriteJson(RunFiles.ModelShape, _shape, RuntimeJson.Default.ModelShape);
        }
    }
}
