namespace Repro.MLNet;

/// <summary>Turns a run's 64-bit seed into the 32-bit seed ML.NET components take.</summary>
internal static class TrainerSeeds
{
    /// <summary>
    /// A seed in [0, int.MaxValue] passes through, so Seed 42 gives <c>MLContext(seed: 42)</c> as users expect;
    /// any other seed goes through the SplitMix64 finaliser and keeps 31 bits, which never yields a negative seed
    /// and spreads nearby seeds apart.
    /// </summary>
    public static int Fold(long seed)
    {
        if (seed is >= 0 and <= int.MaxValue)
        {
            return (int)seed;
        }

        var z = unchecked((ulong)seed);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return (int)(z & int.MaxValue);
    }
}
