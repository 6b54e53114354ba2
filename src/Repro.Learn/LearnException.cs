namespace Repro.Learn;

/// <summary>
/// Base of every error raised by Repro.Learn on purpose. <see cref="Code"/> is a stable
/// identifier from <see cref="ErrorCodes"/> that tools and documentation can rely on.
/// </summary>
public class LearnException : Exception
{
    /// <summary>Creates an error with a code and a message that says what to do.</summary>
    public LearnException(string code, string message)
        : base($"{code}: {message}")
    {
        Code = code;
    }

    /// <summary>The stable error code, for example <c>REPRO3007</c>.</summary>
    public string Code { get; }
}
