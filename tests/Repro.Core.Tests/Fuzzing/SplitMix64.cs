namespace Repro.Core.Tests.Fuzzing;

/// <summary>Steele, Lea and Flood's SplitMix64: a tiny, fixed-seed generator, the same on every machine and runtime.</summary>
internal struct SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong Next()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A number in [0, bound); the slight bias of the modulo does not matter for test data.</summary>
    public int Below(int bound) => (int)(Next() % (ulong)bound);

    public T Pick<T>(IReadOnlyList<T> items) => items[Below(items.Count)];

    public bool Chance(int percent) => Below(100) < percent;

    /// <summary>The generator of one case, independent of every other: a case can be replayed by its index alone.</summary>
    public static SplitMix64 ForCase(ulong seed, int index)
    {
        var mix = new SplitMix64(seed ^ ((ulong)index * 0xD1B54A32D192ED03UL));
        return new SplitMix64(mix.Next());
    }
}
