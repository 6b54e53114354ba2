using System.Globalization;
using Repro.Diagnostics;

namespace Repro.Training;

/// <summary>-p:MaxParallelRuns: how many runs Train starts at once. Each run is its own process, so results never depend on it.</summary>
public static class ParallelRuns
{
    public const int Default = 1;

    public static int Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Default;
        }

        return int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is >= 1 and <= 256
            ? value
            : throw new ReproException(ErrorCode.BadMaxParallelRuns,
                $"-p:MaxParallelRuns is \"{text}\": it must be a whole number of runs from 1 to 256, such as 2.");
    }
}
