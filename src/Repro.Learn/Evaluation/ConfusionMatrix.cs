namespace Repro.Learn;

/// <summary>Counts of (true class, predicted class) pairs.</summary>
public sealed class ConfusionMatrix
{
    private readonly int[] counts;

    /// <summary>Counts the pairs of <paramref name="truth"/> and <paramref name="predicted"/>.</summary>
    /// <exception cref="InvalidOptionException">The spans differ in length or hold a class outside 0..classCount−1.</exception>
    public ConfusionMatrix(ReadOnlySpan<int> truth, ReadOnlySpan<int> predicted, int classCount)
    {
        if (truth.Length != predicted.Length || classCount < 1)
        {
            throw new InvalidOptionException(ErrorCodes.ShapeMismatch, nameof(predicted), $"{truth.Length} true and {predicted.Length} predicted classes over {classCount} classes cannot be compared. Pass one prediction per row.");
        }

        ClassCount = classCount;
        counts = new int[classCount * classCount];
        for (var i = 0; i < truth.Length; i++)
        {
            if ((uint)truth[i] >= (uint)classCount || (uint)predicted[i] >= (uint)classCount)
            {
                throw new InvalidOptionException(ErrorCodes.ShapeMismatch, nameof(predicted), $"row {i} has a class outside 0..{classCount - 1}.");
            }

            counts[(truth[i] * classCount) + predicted[i]]++;
        }
    }

    /// <summary>Number of classes (rows and columns).</summary>
    public int ClassCount { get; }

    /// <summary>Rows whose true class is <paramref name="actual"/> and predicted class is <paramref name="predicted"/>.</summary>
    public int this[int actual, int predicted] => counts[(actual * ClassCount) + predicted];

    /// <summary>Rows whose true class is <paramref name="actual"/>.</summary>
    public int ActualCount(int actual)
    {
        var sum = 0;
        for (var p = 0; p < ClassCount; p++)
        {
            sum += this[actual, p];
        }

        return sum;
    }

    /// <summary>Rows predicted as <paramref name="predicted"/>.</summary>
    public int PredictedCount(int predicted)
    {
        var sum = 0;
        for (var a = 0; a < ClassCount; a++)
        {
            sum += this[a, predicted];
        }

        return sum;
    }

    /// <summary>The matrix as nested arrays: <c>[actual][predicted]</c>.</summary>
    public int[][] ToArray()
    {
        var result = new int[ClassCount][];
        for (var a = 0; a < ClassCount; a++)
        {
            result[a] = counts.AsSpan(a * ClassCount, ClassCount).ToArray();
        }

        return result;
    }
}
