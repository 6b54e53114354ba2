
namespace Repro.Learn;

/// <summary>Helpers shared by the models' prediction code.</summary>
internal static class Prediction
{
    /// <summary>Rows per parallel block; fixed so that blocks never depend on the core count.</summary>
    public const int BlockSize = 512;

    public static int Blocks(int rows) => (rows + BlockSize - 1) / BlockSize;

    public static IEnumerable<int> BlockRows(int block, int rows)
    {
        var end = Math.Min(rows, (block + 1) * BlockSize);
        for (var i = block * BlockSize; i < end; i++)
        {
            yield return i;
        }
    }

    public static void CheckShape(IClassifier model, Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Features != model.FeatureNames.Count)
        {
            throw new InvalidOptionException(ErrorCodes.ShapeMismatch, nameof(data), $"the data has {data.Features} features but the model was fitted on {model.FeatureNames.Count} ({string.Join(", ", model.FeatureNames)}). Give the model data with the same columns.");
        }
    }

    /// <summary>Index of the largest value of each row (lowest index on ties).</summary>
    public static int[] ArgMax(double[] probabilities, int classes)
    {
        var rows = probabilities.Length / classes;
        var result = new int[rows];
        for (var i = 0; i < rows; i++)
        {
            var best = 0;
            for (var c = 1; c < classes; c++)
            {
                if (probabilities[(i * classes) + c] > probabilities[(i * classes) + best])
                {
                    best = c;
                }
            }

            result[i] = best;
        }

        return result;
    }
}
