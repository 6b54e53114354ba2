using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Repro.MLNet;

/// <summary>The steps of a fitted ML.NET model, read from the transformers and the schema each one makes.</summary>
internal static class PipelineShape
{
    public static List<PipelineStep> Steps(ITransformer model, DataViewSchema input)
    {
        var steps = new List<PipelineStep>();
        Walk(model, input, steps);
        return steps;
    }

    private static DataViewSchema Walk(ITransformer transformer, DataViewSchema input, List<PipelineStep> steps)
    {
        // A chain (TransformerChain<T>) is its transformers in order; a chain within a chain is flattened.
        if (transformer is IEnumerable<ITransformer> chain)
        {
            foreach (var step in chain)
            {
                input = Walk(step, input, steps);
            }

            return input;
        }

        var output = transformer.GetOutputSchema(input);
        var predicts = Prediction(transformer);
        steps.Add(new PipelineStep(Plain(transformer.GetType().Name), predicts?.Feature is { } feature ? [feature] : Inputs(transformer), Changed(input, output))
        {
            Model = predicts?.Model,
        });
        return output;
    }

    /// <summary>The columns the step added, or whose type or place changed (a column replaced in place).</summary>
    private static List<string> Changed(DataViewSchema input, DataViewSchema output) =>
        output.Where(column => !column.IsHidden && !Kept(input.GetColumnOrNull(column.Name), column)).Select(column => column.Name).ToList();

    private static bool Kept(DataViewSchema.Column? before, DataViewSchema.Column after) =>
        before is { } column && column.Index == after.Index && column.Type.Equals(after.Type);

    /// <summary>For a step that predicts (ISingleFeaturePredictionTransformer&lt;TModel&gt;): its feature column and its model's type.</summary>
    private static (string? Feature, string? Model)? Prediction(ITransformer transformer)
    {
        var contract = transformer.GetType().GetInterfaces()
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ISingleFeaturePredictionTransformer<>));
        if (contract is null)
        {
            return null;
        }

        var feature = FindProperty(contract, "FeatureColumnName")?.GetValue(transformer) as string;
        var model = FindProperty(contract, "Model")?.GetValue(transformer);
        return (feature, model is null ? null : Plain(model.GetType().Name));
    }

    private static PropertyInfo? FindProperty(Type contract, string name) =>
        contract.GetProperty(name) ?? contract.GetInterfaces().Select(i => i.GetProperty(name)).FirstOrDefault(p => p is not null);

    /// <summary>
    /// The columns a one-to-one transformer reads (NormalizingTransformer, ValueToKeyMappingTransformer…): ML.NET keeps
    /// them in ColumnPairs, which is not public; null for any other transformer, whose inputs are not discoverable.
    /// </summary>
    private static List<string>? Inputs(ITransformer transformer)
    {
        for (var type = transformer.GetType(); type is not null; type = type.BaseType)
        {
            if (type.GetField("ColumnPairs", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)?.GetValue(transformer)
                is (string outputColumnName, string inputColumnName)[] pairs)
            {
                return [.. pairs.Select(p => p.inputColumnName)];
            }
        }

        return null;
    }

    private static string Plain(string name) => name.IndexOf('`', StringComparison.Ordinal) is var tick and >= 0 ? name[..tick] : name;
}
