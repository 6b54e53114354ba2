using MathNet.Numerics;

namespace Repro.Learn;

/// <summary>
/// Pins MathNet.Numerics to its managed, single-threaded provider so that its results do not
/// depend on native libraries or the number of cores.
/// </summary>
internal static class MathNetSettings
{
    private static readonly object Gate = new();
    private static bool applied;

    public static void Apply()
    {
        lock (Gate)
        {
            if (applied)
            {
                return;
            }

            Control.UseManaged();
            Control.UseSingleThread();
            applied = true;
        }
    }
}
