using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Repro.Learn;

/// <summary>
/// Vector kernels with a summation order fixed by the code, not by the machine: always four
/// lanes (<see cref="Vector256{T}"/>, which is computed lane by lane where AVX is missing) and
/// no fused multiply-add, so every machine gives the same bits.
/// </summary>
internal static class FixedOrder
{
    /// <summary>Σ a[j]·b[j]: four lane sums, added as ((l0 + l1) + (l2 + l3)), then the tail in order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var n = a.Length;
        var blocks = n / 4;
        var va = MemoryMarshal.Cast<double, Vector256<double>>(a[..(blocks * 4)]);
        var vb = MemoryMarshal.Cast<double, Vector256<double>>(b[..(blocks * 4)]);
        var acc = Vector256<double>.Zero;
        for (var i = 0; i < va.Length; i++)
        {
            acc += va[i] * vb[i];
        }

        var sum = (acc.GetElement(0) + acc.GetElement(1)) + (acc.GetElement(2) + acc.GetElement(3));
        for (var j = blocks * 4; j < n; j++)
        {
            sum += a[j] * b[j];
        }

        return sum;
    }

    /// <summary>target[j] += scale·source[j].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddScaled(Span<double> target, double scale, ReadOnlySpan<double> source)
    {
        var n = target.Length;
        var blocks = n / 4;
        var vt = MemoryMarshal.Cast<double, Vector256<double>>(target[..(blocks * 4)]);
        var vs = MemoryMarshal.Cast<double, Vector256<double>>(source[..(blocks * 4)]);
        var vscale = Vector256.Create(scale);
        for (var i = 0; i < vt.Length; i++)
        {
            vt[i] += vscale * vs[i];
        }

        for (var j = blocks * 4; j < n; j++)
        {
            target[j] += scale * source[j];
        }
    }
}
