namespace Repro.Learn;

/// <summary>
/// xoshiro256** (Blackman and Vigna, 2018): the stream generator used by every learner.
/// A stream is a pure function of (seed, stream index), so work can be spread over threads
/// without changing any result.
/// </summary>
public sealed class Xoshiro256StarStar
{
    private ulong s0;
    private ulong s1;
    private ulong s2;
    private ulong s3;

    /// <summary>Creates the stream number <paramref name="stream"/> of <paramref name="seed"/>.</summary>
    public Xoshiro256StarStar(ulong seed, ulong stream = 0)
    {
        var mixer = new SplitMix64(SplitMix64.Mix(seed) ^ SplitMix64.Mix(stream + 0x632BE59BD9B4E019UL));
        s0 = mixer.Next();
        s1 = mixer.Next();
        s2 = mixer.Next();
        s3 = mixer.Next();
    }

    /// <summary>Returns the next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        var result = RotateLeft(s1 * 5, 7) * 9;
        var t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = RotateLeft(s3, 45);
        return result;
    }

    /// <summary>Returns a uniform integer in [0, <paramref name="maxExclusive"/>), without modulo bias.</summary>
    public int NextInt(int maxExclusive)
    {
        if (maxExclusive <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxExclusive), "must be positive");
        }

        // Lemire's multiply-and-reject method: exact and usually one draw.
        var range = (ulong)maxExclusive;
        var product = Math.BigMul(NextUInt64(), range, out var low);
        if (low < range)
        {
            var threshold = (0UL - range) % range;
            while (low < threshold)
            {
                product = Math.BigMul(NextUInt64(), range, out low);
            }
        }

        return (int)product;
    }

    /// <summary>Returns a uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Shuffles <paramref name="items"/> in place (Fisher–Yates).</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
