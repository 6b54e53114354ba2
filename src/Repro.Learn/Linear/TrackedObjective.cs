namespace Repro.Learn;

/// <summary>
/// Evaluates the objective for the optimiser and remembers the best point seen, so a result
/// exists even when the optimiser stops with an error.
/// </summary>
internal sealed class TrackedObjective
{
    private readonly MultinomialObjective objective;
    private double[] bestTheta = [];
    private double bestValue = double.PositiveInfinity;

    public TrackedObjective(MultinomialObjective objective)
    {
        this.objective = objective;
    }

    public int Evaluations { get; private set; }

    /// <summary>The objective at the latest point evaluated.</summary>
    public double LastValue { get; private set; } = double.NaN;

    public (double Value, double[] Gradient) Evaluate(double[] theta)
    {
        var gradient = new double[theta.Length];
        var value = objective.Evaluate(theta, gradient);
        Evaluations++;
        LastValue = value;
        if (value < bestValue)
        {
            bestValue = value;
            bestTheta = (double[])theta.Clone();
        }

        return (value, gradient);
    }

    /// <summary>The point with the lowest objective evaluated so far.</summary>
    public double[] Best() => (double[])bestTheta.Clone();

    public static double MaxAbs(double[] values)
    {
        var max = 0.0;
        foreach (var v in values)
        {
            max = Math.Max(max, Math.Abs(v));
        }

        return max;
    }
}
