using System.Text.Json.Serialization;

namespace Repro;

/// <summary>
/// The contents of <c>model-shape.json</c>: what the program said its models are made of. A model file does not say it
/// in a form two runs can be compared by (ML.NET keeps no trainer options in model.zip at all), so the program records
/// each trainer's options, defaults included, and each saved pipeline's steps, and the build copies them into run.json.
/// </summary>
public sealed record ModelShape
{
    /// <summary>Trainer name → option name → value as invariant text (null for an option left null), all sorted ordinal.</summary>
    public SortedDictionary<string, SortedDictionary<string, string?>> Trainers { get; init; } = new(StringComparer.Ordinal);

    /// <summary>The saved model's path in the run folder (artifacts/model.zip) → its pipeline's steps, in order.</summary>
    public SortedDictionary<string, IReadOnlyList<PipelineStep>> Pipelines { get; init; } = new(StringComparer.Ordinal);
}

/// <summary>One step of a fitted pipeline: the transformer, what it reads and what it writes.</summary>
/// <param name="Transformer">The transformer's type name without generic arguments: NormalizingTransformer.</param>
/// <param name="Inputs">The columns it reads, in schema order; null when the transformer does not say.</param>
/// <param name="Outputs">The columns it adds or replaces, in schema order.</param>
public sealed record PipelineStep(string Transformer, IReadOnlyList<string>? Inputs, IReadOnlyList<string> Outputs)
{
    /// <summary>For a step that predicts, the type of the model the trainer made (MaximumEntropyModelParameters); else null.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Model { get; init; }
}
