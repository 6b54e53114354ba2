namespace Repro.Explanation;

/// <summary>What kind of input a change is, which says how Explain applies it alone.</summary>
public enum ChangeKind
{
    Parameter,
    Seed,
    TestSize,
    Data,
    Code,
    Threads,
    Environment,
}

/// <summary>
/// One input that differs between the two runs Explain is given, as it is named in the output
/// ("Trees 100 → 50", "data/iris.csv (rows 150 → 149 (line 88 removed))").
/// </summary>
/// <param name="Name">The input: a parameter's name, a data file's path, "seed", "code", "processor count", "sdk"…</param>
/// <param name="Label">The change in words, as printed.</param>
public sealed record InputChange(ChangeKind Kind, string Name, string Label)
{
    /// <summary>The other run's value: a parameter's (null when it has none), the seed, the test size, a data file's SHA-256.</summary>
    public string? Value { get; init; }

    /// <summary>Why the change cannot be applied alone (the SDK, the OS, content that is nowhere to be had), or null.</summary>
    public string? NotAttributable { get; init; }
}
