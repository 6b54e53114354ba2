using Repro.Comparison;
using Repro.Records;

namespace Repro.Views;

/// <summary>A run's trainer options and pipeline steps as Describe shows them, one option or pipeline a line.</summary>
internal static class ModelShapeText
{
    public static IEnumerable<string> Lines(RunRecord record)
    {
        foreach (var (trainer, options) in record.Trainers ?? [])
        {
            foreach (var (option, value) in options)
            {
                yield return $"  trainer       {trainer}: {option} = {value ?? "null"}";
            }
        }

        foreach (var (model, steps) in record.Pipelines ?? [])
        {
            yield return $"  pipeline      {model}: {string.Join(" → ", steps.Select(ModelShapeComparison.Shown))}";
        }
    }
}
