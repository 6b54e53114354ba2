namespace Repro.Learn;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood, 2014): a tiny generator used to turn a user seed and
/// a stream index into well-mixed, independent seeds. Its output is fixed by its definition,
/// unlike <see cref="System.Random"/>, whose seeded sequence may change between .NET versions.
/// </summary>
public struct SplitMix64
{
    private ulong state;

    /// <summary>Starts the sequence at <paramref name="seed"/>.</summary>
    public SplitMix64(ulong seed)
    {
        state = seed;
    }

    /// <summary>Returns the next 64-bit value.</summary>
    public ulong Next()
    {
        state += 0x9E3779B97F4A7C15UL;
        return Mix(state);
    }

    /// <summary>The SplitMix64 finaliser: a bijective scramble of a 64-bit value.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
