namespace Repro.Records;

/// <summary>The parts of a program's model-shape.json a record keeps: null when empty, sorted ordinal whatever the reader did.</summary>
public static class ModelShapes
{
    public static SortedDictionary<string, SortedDictionary<string, string?>>? Trainers(ModelShape? shape)
    {
        if (shape is not { Trainers.Count: > 0 })
        {
            return null;
        }

        var trainers = new SortedDictionary<string, SortedDictionary<string, string?>>(StringComparer.Ordinal);
        foreach (var (name, options) in shape.Trainers)
        {
            trainers[name] = new SortedDictionary<string, string?>(options, StringComparer.Ordinal);
        }

        return trainers;
    }

    public static SortedDictionary<string, IReadOnlyList<PipelineStep>>? Pipelines(ModelShape? shape) =>
        shape is { Pipelines.Count: > 0 } ? new SortedDictionary<string, IReadOnlyList<PipelineStep>>(shape.Pipelines, StringComparer.Ordinal) : null;
}
