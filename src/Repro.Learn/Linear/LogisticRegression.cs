using System.Globalization;

namespace Repro.Learn;

/// <summary>
/// Multinomial logistic regression with scikit-learn's objective: the sum of the rows'
/// log-losses plus ½·‖W‖²/C, intercepts not penalised, minimised with MathNet.Numerics'
/// L-BFGS. Convergence is checked here: the fit has converged when the largest absolute
/// gradient component is at most <see cref="Tolerance"/> (scikit-learn's <c>gtol</c>);
/// otherwise the model carries a <see cref="LogisticRegressionModel.Warning"/>.
/// </summary>
public sealed class LogisticRegression
{
    /// <summary>Inverse of the L2 regularisation strength; must be positive. Default 1.</summary>
    public double C { get; init; } = 1.0;

    /// <summary>Cap on L-BFGS iterations. Default 100, as in scikit-learn.</summary>
    public int MaxIterations { get; init; } = 100;

    /// <summary>Largest absolute gradient component accepted as converged. Default 1e-4, as in scikit-learn.</summary>
    public double Tolerance { get; init; } = 1e-4;

    /// <summary>Centre and scale every feature on the training rows before fitting. Default false.</summary>
    public bool Standardize { get; init; }

    /// <summary>Threads used to compute the gradient; null for all cores. Results do not depend on it.</summary>
    public int? MaxDegreeOfParallelism { get; init; }

    /// <summary>Every option, defaults included, as invariant text by name: what a run records of this learner.</summary>
    public IReadOnlyDictionary<string, string?> Options() => LearnerOptions.Of(this);

    /// <summary>Fits the model to every row of <paramref name="data"/>.</summary>
    /// <exception cref="InvalidOptionException">An option is out of range, or the data has no rows.</exception>
    public LogisticRegressionModel Fit(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        Validate(data);
        MathNetSettings.Apply();
        var features = data.Features;
        var classes = data.Classes.Count;
        var standardizer = Standardize ? Standardizer.Fit(data.ValueArray, data.Rows, features) : null;
        var x = standardizer?.Transform(data.Values, features) ?? data.ValueArray;
        var objective = new MultinomialObjective(x, data.LabelArray, features, classes, C, MaxDegreeOfParallelism);
        var search = new TrackedObjective(objective);
        var (theta, iterations, failure, losses) = ScaledLbfgs.Minimize(search, objective.Parameters, Tolerance, MaxIterations);
        var (objectiveValue, finalGradient) = search.Evaluate(theta);
        var maxGradient = TrackedObjective.MaxAbs(finalGradient);
        var converged = maxGradient <= Tolerance;
        var warning = converged ? null : Explain(failure, iterations, maxGradient);
        return new LogisticRegressionModel(
            data.Classes, data.FeatureNames, theta, standardizer,
            new LogisticRegressionFit(C, converged, iterations, search.Evaluations, objectiveValue, maxGradient, warning),
            losses);
    }

    private string Explain(string? failure, int iterations, double maxGradient)
    {
        // Invariant culture: the warning is saved with the model, whose bytes must not depend on the machine.
        var reason = failure is null
            ? string.Create(CultureInfo.InvariantCulture, $"L-BFGS stopped after {iterations} iterations (cap {MaxIterations})")
            : $"the L-BFGS line search gave up ({failure})";
        return string.Create(CultureInfo.InvariantCulture, $"Logistic regression did not converge: {reason} with the largest gradient component at {maxGradient:G4}, above the tolerance {Tolerance:G4}. Increase MaxIterations, set Standardize, or loosen Tolerance.");
    }

    private void Validate(Dataset data)
    {
        if (!(C > 0) || double.IsInfinity(C))
        {
            throw new InvalidOptionException(ErrorCodes.InvalidOption, nameof(C), string.Create(CultureInfo.InvariantCulture, $"{C} is not a positive finite number. Use for example 1.0."));
        }

        if (MaxIterations < 1)
        {
            throw new InvalidOptionException(ErrorCodes.InvalidOption, nameof(MaxIterations), $"{MaxIterations} is below 1. Use for example 100.");
        }

        if (!(Tolerance > 0))
        {
            throw new InvalidOptionException(ErrorCodes.InvalidOption, nameof(Tolerance), string.Create(CultureInfo.InvariantCulture, $"{Tolerance} is not positive. Use for example 1e-4."));
        }

        if (MaxDegreeOfParallelism is < 1)
        {
            throw new InvalidOptionException(ErrorCodes.InvalidOption, nameof(MaxDegreeOfParallelism), $"{MaxDegreeOfParallelism} is below 1. Use null for all cores.");
        }

        if (data.Rows == 0)
        {
            throw new InvalidOptionException(ErrorCodes.InvalidOption, nameof(data), "the data set has no rows.");
        }
    }
}
