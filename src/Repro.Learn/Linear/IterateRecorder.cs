using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace Repro.Learn;

/// <summary>
/// Passes MathNet's L-BFGS through to the objective and writes down the loss at each iterate. MathNet has no
/// per-iteration callback, but each line search starts with <see cref="CreateNew"/> on the point the previous one
/// accepted and evaluates only that copy: so every copy is one iteration, and the loss at the iterate is the last
/// value the copy saw. The values written are the user's (<see cref="TrackedObjective.LastValue"/>), not MathNet's scaled ones.
/// </summary>
internal sealed class IterateRecorder : IObjectiveFunction
{
    private readonly IObjectiveFunction inner;
    private readonly TrackedObjective search;
    private readonly List<double> losses;

    public IterateRecorder(IObjectiveFunction inner, TrackedObjective search)
        : this(inner, search, [])
    {
    }

    private IterateRecorder(IObjectiveFunction inner, TrackedObjective search, List<double> losses)
    {
        this.inner = inner;
        this.search = search;
        this.losses = losses;
    }

    /// <summary>The loss at every iterate accepted so far, the start first.</summary>
    public IReadOnlyList<double> Losses => losses;

    /// <summary>The user's loss at the point this copy was last evaluated at.</summary>
    public double Loss { get; private set; } = double.NaN;

    public Vector<double> Point => inner.Point;

    public double Value => inner.Value;

    public bool IsGradientSupported => inner.IsGradientSupported;

    public Vector<double> Gradient => inner.Gradient;

    public bool IsHessianSupported => inner.IsHessianSupported;

    public Matrix<double> Hessian => inner.Hessian;

    public void EvaluateAt(Vector<double> point)
    {
        inner.EvaluateAt(point);
        Loss = search.LastValue;
    }

    /// <summary>A line search starts from this point: it was accepted as an iterate.</summary>
    public IObjectiveFunction CreateNew()
    {
        Accept();
        return new IterateRecorder(inner.CreateNew(), search, losses);
    }

    public IObjectiveFunction Fork() => new IterateRecorder(inner.Fork(), search, losses) { Loss = Loss };

    /// <summary>Writes down this copy's loss as the next iterate's: the start, or the point the minimiser returned.</summary>
    public void Accept() => losses.Add(Loss);
}
