namespace Repro.Learn;

/// <summary>
/// A hyper-parameter or argument is outside its allowed range, or the data cannot be used
/// the way it was asked (for example too few rows of a class to stratify a split).
/// </summary>
public sealed class InvalidOptionException : LearnException
{
    /// <summary>Creates the error for one option.</summary>
    /// <param name="code">One of the <see cref="ErrorCodes"/>.</param>
    /// <param name="optionName">The option or argument at fault.</param>
    /// <param name="message">What is wrong and what to do about it.</param>
    public InvalidOptionException(string code, string optionName, string message)
        : base(code, $"{optionName}: {message}")
    {
        OptionName = optionName;
    }

    /// <summary>The option or argument at fault.</summary>
    public string OptionName { get; }
}
