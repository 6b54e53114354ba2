namespace Repro.Learn;

/// <summary>Classification metrics, computed as scikit-learn computes them.</summary>
public static class Metrics
{
    /// <summary>Fraction of rows whose prediction equals the truth.</summary>
    public static double Accuracy(ReadOnlySpan<int> truth, ReadOnlySpan<int> predicted)
    {
        CheckLengths(truth.Length, predicted.Length);
        var correct = 0;
        for (var i = 0; i < truth.Length; i++)
        {
            correct += truth[i] == predicted[i] ? 1 : 0;
        }

        return (double)correct / truth.Length;
    }

    /// <summary>
    /// Unweighted mean of the per-class F1 scores over the classes that occur in the truth or the
    /// predictions (scikit-learn's <c>f1_score(average="macro")</c>); a class with no true positives scores 0.
    /// </summary>
    public static double MacroF1(ReadOnlySpan<int> truth, ReadOnlySpan<int> predicted, int classCount)
    {
        var matrix = new ConfusionMatrix(truth, predicted, classCount);
        var sum = 0.0;
        var present = 0;
        for (var c = 0; c < classCount; c++)
        {
            var truePositives = matrix[c, c];
            var actual = matrix.ActualCount(c);
            var predictedCount = matrix.PredictedCount(c);
            if (actual + predictedCount == 0)
            {
                continue;
            }

            present++;
            sum += 2.0 * truePositives / (actual + predictedCount);
        }

        return sum / present;
    }

    /// <summary>
    /// Mean negative log-probability of the true class (natural log). Probabilities are clipped to
    /// [ε, 1−ε] with ε the double machine epsilon and each row renormalised, as scikit-learn 1.2 does.
    /// </summary>
    /// <param name="truth">True class of each row.</param>
    /// <param name="probabilities">Row-major class probabilities, <paramref name="classCount"/> per row.</param>
    /// <param name="classCount">Number of classes.</param>
    public static double LogLoss(ReadOnlySpan<int> truth, ReadOnlySpan<double> probabilities, int classCount)
    {
        CheckLengths(truth.Length * classCount, probabilities.Length);
        var sum = 0.0;
        for (var i = 0; i < truth.Length; i++)
        {
            var row = probabilities.Slice(i * classCount, classCount);
            var total = 0.0;
            for (var c = 0; c < classCount; c++)
            {
                total += Clip(row[c]);
            }

            sum -= Math.Log(Clip(row[truth[i]]) / total);
        }

        return sum / truth.Length;
    }

    private const double Epsilon = 2.220446049250313e-16;

    private static double Clip(double p) => Math.Clamp(p, Epsilon, 1 - Epsilon);

    private static void CheckLengths(int expected, int actual)
    {
        if (expected != actual || expected == 0)
        {
            throw new InvalidOptionException(ErrorCodes.ShapeMismatch, "predicted", $"expected {expected} values, got {actual}. Pass one prediction per row of the truth.");
        }
    }
}
