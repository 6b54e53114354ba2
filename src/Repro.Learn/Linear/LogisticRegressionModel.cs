using System.Runtime.CompilerServices;

namespace Repro.Learn;

/// <summary>A fitted multinomial logistic regression.</summary>
public sealed class LogisticRegressionModel : IClassifier
{
    private readonly double[] theta;
    private readonly Standardizer? standardizer;

    internal LogisticRegressionModel(
        IReadOnlyList<string> classes, IReadOnlyList<string> featureNames, double[] theta, Standardizer? standardizer, LogisticRegressionFit fit,
        IReadOnlyList<double>? lossHistory = null)
    {
        Classes = classes.ToArray();
        FeatureNames = featureNames.ToArray();
        this.theta = theta;
        this.standardizer = standardizer;
        Fit = fit;
        LossHistory = lossHistory?.ToArray() ?? [];
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Classes { get; }

    /// <inheritdoc />
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>How the fit went: convergence, iterations, objective value.</summary>
    public LogisticRegressionFit Fit { get; }

    /// <summary>
    /// The training loss (<see cref="LogisticRegressionFit.Objective"/>'s quantity) at each L-BFGS iterate: index 0 at the
    /// start (every coefficient 0), index i after iteration i, the last at the fitted coefficients. An iteration is one
    /// line search, which may evaluate the objective several times; only the point it accepts is listed. Usually
    /// <see cref="LogisticRegressionFit.Iterations"/> + 1 values: MathNet's count runs one ahead when it stops on the
    /// gradient's norm, and when its line search gave up the list ends at the last point it accepted. Kept in memory
    /// only: a saved model's bytes do not include it, and a loaded model's list is empty.
    /// </summary>
    public IReadOnlyList<double> LossHistory { get; }

    /// <summary>Whether the optimiser reached the tolerance.</summary>
    public bool Converged => Fit.Converged;

    /// <summary>Why the fit did not converge, or null.</summary>
    public string? Warning => Fit.Warning;

    /// <summary>Coefficient of feature <paramref name="feature"/> for class <paramref name="classIndex"/> (on standardised features when standardising).</summary>
    public double Coefficient(int classIndex, int feature) => theta[(classIndex * (FeatureNames.Count + 1)) + feature];

    /// <summary>Intercept of class <paramref name="classIndex"/>.</summary>
    public double Intercept(int classIndex) => theta[(classIndex * (FeatureNames.Count + 1)) + FeatureNames.Count];

    /// <inheritdoc />
    public int[] Predict(Dataset data) => Prediction.ArgMax(PredictProbabilities(data), Classes.Count);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double[] PredictProbabilities(Dataset data)
    {
        Prediction.CheckShape(this, data);
        var d = FeatureNames.Count;
        var k = Classes.Count;
        var x = standardizer?.Transform(data.Values, d) ?? data.ValueArray;
        var probabilities = new double[data.Rows * k];
        Parallel.For(0, Prediction.Blocks(data.Rows), [MethodImpl(MethodImplOptions.AggressiveOptimization)] (block) =>
        {
            Span<double> z = stackalloc double[k];
            foreach (var i in Prediction.BlockRows(block, data.Rows))
            {
                var row = x.AsSpan(i * d, d);
                var max = double.NegativeInfinity;
                for (var c = 0; c < k; c++)
                {
                    var s = theta[(c * (d + 1)) + d];
                    var w = theta.AsSpan(c * (d + 1), d);
                    for (var j = 0; j < d; j++)
                    {
                        s += w[j] * row[j];
                    }

                    z[c] = s;
                    max = Math.Max(max, s);
                }

                var sum = 0.0;
                for (var c = 0; c < k; c++)
                {
                    z[c] = Math.Exp(z[c] - max);
                    sum += z[c];
                }

                for (var c = 0; c < k; c++)
                {
                    probabilities[(i * k) + c] = z[c] / sum;
                }
            }
        });
        return probabilities;
    }

    /// <inheritdoc />
    public void Save(Stream stream)
    {
        using var w = ModelWriter.Begin(stream, ModelKind.LogisticRegression, Classes, FeatureNames);
        w.Doubles(theta);
        w.Bool(standardizer is not null);
        if (standardizer is not null)
        {
            w.Doubles(standardizer.Means);
            w.Doubles(standardizer.Scales);
        }

        w.Double(Fit.C);
        w.Bool(Fit.Converged);
        w.Int(Fit.Iterations);
        w.Int(Fit.Evaluations);
        w.Double(Fit.Objective);
        w.Double(Fit.MaxGradient);
        w.Text(Fit.Warning ?? string.Empty);
    }

    /// <summary>Reads a model written by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidOptionException">The stream does not hold a logistic regression model of this format version.</exception>
    public static LogisticRegressionModel Load(Stream stream)
    {
        using var r = ModelReader.Open(stream, ModelKind.LogisticRegression);
        return ReadBody(r);
    }

    internal static LogisticRegressionModel ReadBody(ModelReader r)
    {
        var theta = r.Doubles();
        if (theta.Length != r.Classes.Count * (r.FeatureNames.Count + 1))
        {
            throw ModelReader.Bad("its coefficients do not match its classes and features");
        }

        var standardizer = r.Bool() ? new Standardizer(r.Doubles(), r.Doubles()) : null;
        var c = r.Double();
        var converged = r.Bool();
        var iterations = r.Int();
        var evaluations = r.Int();
        var objective = r.Double();
        var maxGradient = r.Double();
        var warning = r.Text();
        var fit = new LogisticRegressionFit(c, converged, iterations, evaluations, objective, maxGradient, warning.Length == 0 ? null : warning);
        return new LogisticRegressionModel(r.Classes, r.FeatureNames, theta, standardizer, fit);
    }
}
