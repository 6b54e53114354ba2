namespace Repro.Learn;

/// <summary>How a logistic regression fit went.</summary>
/// <param name="C">The inverse regularisation strength used.</param>
/// <param name="Converged">Whether the largest absolute gradient component reached the tolerance.</param>
/// <param name="Iterations">L-BFGS iterations as counted by MathNet; 0 when its line search stopped with an error.</param>
/// <param name="Evaluations">Objective and gradient evaluations.</param>
/// <param name="Objective">Final objective: sum of log-losses plus ½·‖W‖²/C (on standardised features when standardising).</param>
/// <param name="MaxGradient">Largest absolute gradient component at the final point.</param>
/// <param name="Warning">Why the fit did not converge and what to do, or null when it converged.</param>
public sealed record LogisticRegressionFit(
    double C, bool Converged, int Iterations, int Evaluations, double Objective, double MaxGradient, string? Warning);
