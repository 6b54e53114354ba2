namespace Repro.Diagnostics;

/// <summary>An expected failure: bad input or an environment problem, reported to the user with its code.</summary>
public sealed class ReproException(string code, string message, Exception? inner = null) : Exception(message, inner)
{
    public string Code { get; } = code;

    /// <summary>The index, among the project's &lt;Experiment&gt; items, of the one the error is about, so the build can point at its line; null when it is about none.</summary>
    public int? ExperimentIndex { get; init; }

    /// <summary>The same error, about the &lt;Experiment&gt; item of that index.</summary>
    public ReproException About(int experimentIndex) => new(Code, Message, InnerException) { ExperimentIndex = experimentIndex };
}
