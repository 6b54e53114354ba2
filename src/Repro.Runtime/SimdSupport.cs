using System.Numerics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace Repro;

/// <summary>
/// The vector instructions the runtime let the program use. Vectorised sums (ML.NET's CpuMath, for one) add in a
/// different order at another vector width, so a machine without AVX2, or <c>DOTNET_EnableAVX2=0</c>, can change a
/// metric's last digits: that makes it an input of the run.
/// </summary>
internal static class SimdSupport
{
    public static string Describe()
    {
        (string Name, bool Supported)[] instructionSets =
        [
            ("avx512f", Avx512F.IsSupported), ("avx2", Avx2.IsSupported), ("avx", Avx.IsSupported),
            ("sse4.2", Sse42.IsSupported), ("advsimd", AdvSimd.IsSupported),
        ];
        var sets = instructionSets.Where(s => s.Supported).Select(s => s.Name).ToArray();
        var width = Vector.IsHardwareAccelerated ? $"Vector<T> {Vector<byte>.Count * 8}-bit" : "Vector<T> not accelerated";
        return (sets.Length == 0 ? "none" : string.Join(" ", sets)) + ", " + width;
    }
}
