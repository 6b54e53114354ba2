namespace Repro.Explanation;

/// <summary>Which run of B each run of A is held against: the one with the same seed, else the next unpaired one in plan order.</summary>
public static class Pairing
{
    /// <summary>The pairs in A's order; runs of the larger side left without a partner are not explained.</summary>
    public static IReadOnlyList<(T A, T B)> Of<T>(IReadOnlyList<T> a, IReadOnlyList<T> b, Func<T, long> seed)
    {
        var partner = new T?[a.Count];
        var paired = new bool[a.Count];
        var free = b.ToList();
        for (var i = 0; i < a.Count; i++)
        {
            var same = free.FindIndex(x => seed(x) == seed(a[i]));
            if (same >= 0)
            {
                (partner[i], paired[i]) = (free[same], true);
                free.RemoveAt(same);
            }
        }

        for (var i = 0; i < a.Count && free.Count > 0; i++)
        {
            if (!paired[i])
            {
                (partner[i], paired[i]) = (free[0], true);
                free.RemoveAt(0);
            }
        }

        return Enumerable.Range(0, a.Count).Where(i => paired[i]).Select(i => (a[i], partner[i]!)).ToArray();
    }
}
