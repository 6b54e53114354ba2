namespace Repro;

/// <summary>A mistake in how an experiment was set up, with the REPRO code that documents it.</summary>
public sealed class ExperimentException(string code, string message) : Exception($"{code}: {message}")
{
    /// <summary>The REPRO code, for example REPRO2001.</summary>
    public string Code { get; } = code;
}
