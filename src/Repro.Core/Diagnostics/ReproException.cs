namespace Repro.Diagnostics;

/// <summary>An expected failure: bad input or an environment problem, reported to the user with its code.</summary>
public sealed class ReproException(string code, string message, Exception? inner = null) : Exception(message, inner)
{
    public string Code { get; } = code;
}
