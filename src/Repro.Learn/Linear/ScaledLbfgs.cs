using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using MathNet.Numerics.Optimization;

namespace Repro.Learn;

/// <summary>
/// Runs MathNet's L-BFGS so that it stops no earlier than our own test (largest absolute
/// gradient component at most the tolerance) and starts with a useful step:
/// <list type="bullet">
/// <item>The objective is divided by its value at the start, so MathNet's relative-gradient
/// test (which divides by max(|f|, 1)) becomes an absolute test at least as strict as ours.</item>
/// <item>The variables are stretched so MathNet's first trial step, which it sizes as
/// 100·tolerance/‖g‖, is about <see cref="FirstStepLength"/> long instead of a tiny step it
/// would spend many evaluations doubling.</item>
/// </list>
/// </summary>
internal static class ScaledLbfgs
{
    private const double FirstStepLength = 0.01;
    private const int Memory = 10;

    /// <returns>The minimising point, MathNet's iteration count, why the line search gave up (or null), and the loss at
    /// the start and after each iteration (when the line search gave up, up to the last point it accepted).</returns>
    public static (double[] Theta, int Iterations, string? Failure, IReadOnlyList<double> Losses) Minimize(TrackedObjective search, int parameters, double tolerance, int maxIterations)
    {
        var (startValue, startGradient) = search.Evaluate(new double[parameters]);
        var valueScale = 1.0 / Math.Max(startValue, 1.0);
        var stretch = Math.Max(1.0, FirstStepLength * Norm(startGradient) / (100 * tolerance));
        var minimizer = new LimitedMemoryBfgsMinimizer(tolerance * valueScale * stretch, 0, 0, Memory, maxIterations);
        var function = new IterateRecorder(ObjectiveFunction.Gradient(u =>
        {
            var (value, gradient) = search.Evaluate(Unstretch(u, stretch));
            var scaled = new DenseVector(gradient.Length);
            for (var i = 0; i < gradient.Length; i++)
            {
                scaled[i] = gradient[i] * valueScale * stretch;
            }

            return (value * valueScale, (Vector<double>)scaled);
        }), search);
        try
        {
            var result = minimizer.FindMinimum(function, new DenseVector(parameters));
            ((IterateRecorder)result.FunctionInfoAtMinimum).Accept();
            // MathNet counts one past the cap when it stops there.
            return (Unstretch(result.MinimizingPoint, stretch), Math.Min(result.Iterations, maxIterations), null, function.Losses);
        }
        catch (OptimizationException e)
        {
            return (search.Best(), 0, e.InnerException?.Message ?? e.Message, function.Losses);
        }
    }

    private static double[] Unstretch(Vector<double> u, double stretch)
    {
        var theta = new double[u.Count];
        for (var i = 0; i < theta.Length; i++)
        {
            theta[i] = u[i] * stretch;
        }

        return theta;
    }

    private static double Norm(double[] values)
    {
        var sum = 0.0;
        foreach (var v in values)
        {
            sum += v * v;
        }

        return Math.Sqrt(sum);
    }
}
