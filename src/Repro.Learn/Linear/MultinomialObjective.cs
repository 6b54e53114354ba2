using System.Runtime.CompilerServices;
namespace Repro.Learn;

/// <summary>
/// scikit-learn's multinomial logistic objective: the sum over rows of the log-loss plus
/// ½·‖W‖²/C (intercepts not penalised), and its gradient. Parameters are class-major:
/// class <c>k</c> owns <c>theta[k·(d+1) .. k·(d+1)+d]</c>, the last one being its intercept.
/// Rows are processed in fixed chunks whose partial sums are added in chunk order, so the
/// value is bit-identical on any number of cores.
/// </summary>
internal sealed class MultinomialObjective
{
    private const int ChunkRows = 2048;

    private readonly double[] x;
    private readonly int[] y;
    private readonly int rows;
    private readonly int features;
    private readonly int classes;
    private readonly double inverseC;
    private readonly int chunks;
    private readonly double[] chunkLoss;
    private readonly double[][] chunkGradient;
    private readonly ParallelOptions parallel;

    public MultinomialObjective(double[] x, int[] y, int features, int classes, double c, int? maxDegreeOfParallelism)
    {
        this.x = x;
        this.y = y;
        rows = y.Length;
        this.features = features;
        this.classes = classes;
        inverseC = 1.0 / c;
        chunks = Math.Max(1, (rows + ChunkRows - 1) / ChunkRows);
        chunkLoss = new double[chunks];
        chunkGradient = new double[chunks][];
        for (var i = 0; i < chunks; i++)
        {
            chunkGradient[i] = new double[Parameters];
        }

        parallel = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism ?? -1 };
    }

    public int Parameters => classes * (features + 1);

    /// <summary>Returns the objective at <paramref name="theta"/> and writes its gradient.</summary>
    public double Evaluate(double[] theta, double[] gradient)
    {
        if (chunks == 1)
        {
            Chunk(theta, 0);
        }
        else
        {
            Parallel.For(0, chunks, parallel, chunk => Chunk(theta, chunk));
        }

        Array.Clear(gradient);
        var loss = 0.0;
        for (var chunk = 0; chunk < chunks; chunk++)
        {
            loss += chunkLoss[chunk];
            var partial = chunkGradient[chunk];
            for (var p = 0; p < gradient.Length; p++)
            {
                gradient[p] += partial[p];
            }
        }

        var stride = features + 1;
        var penalty = 0.0;
        for (var k = 0; k < classes; k++)
        {
            for (var j = 0; j < features; j++)
            {
                var w = theta[(k * stride) + j];
                penalty += w * w;
                gradient[(k * stride) + j] += w * inverseC;
            }
        }

        return loss + (0.5 * inverseC * penalty);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Chunk(double[] theta, int chunk)
    {
        var stride = features + 1;
        var gradient = chunkGradient[chunk];
        Array.Clear(gradient);
        Span<double> z = stackalloc double[classes];
        var loss = 0.0;
        var end = Math.Min(rows, (chunk + 1) * ChunkRows);
        for (var i = chunk * ChunkRows; i < end; i++)
        {
            var row = x.AsSpan(i * features, features);
            var max = double.NegativeInfinity;
            for (var k = 0; k < classes; k++)
            {
                var s = FixedOrder.Dot(theta.AsSpan(k * stride, features), row) + theta[(k * stride) + features];
                z[k] = s;
                max = Math.Max(max, s);
            }

            var label = y[i];
            var trueLogit = z[label] - max;
            var sum = 0.0;
            for (var k = 0; k < classes; k++)
            {
                z[k] = Math.Exp(z[k] - max);
                sum += z[k];
            }

            loss += Math.Log(sum) - trueLogit;
            var inverseSum = 1.0 / sum;
            for (var k = 0; k < classes; k++)
            {
                var residual = (z[k] * inverseSum) - (k == label ? 1.0 : 0.0);
                FixedOrder.AddScaled(gradient.AsSpan(k * stride, features), residual, row);
                gradient[(k * stride) + features] += residual;
            }
        }

        chunkLoss[chunk] = loss;
    }
}
