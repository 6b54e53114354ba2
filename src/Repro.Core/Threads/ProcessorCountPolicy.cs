using System.Globalization;
using Repro.Diagnostics;
using Repro.Experiments;

namespace Repro.Threads;

/// <summary>
/// Which processor count Train pins for an experiment: its <c>ProcessorCount</c> metadata, else the project's
/// <c>$(ReproProcessorCount)</c>, else 1 when the program runs ML.NET (some of its trainers race their threads, so one
/// count for every machine is what makes its runs reproducible), else none: the program sees the machine's count,
/// which is recorded all the same.
/// </summary>
/// <param name="ProjectDefault">$(ReproProcessorCount), or null.</param>
/// <param name="MLNet">ML.NET as restore found it in the program's closure, or null.</param>
public sealed record ProcessorCountPolicy(string? ProjectDefault, MLNetUse? MLNet)
{
    public const string Metadata = "ProcessorCount";

    /// <summary>The machine's count for every experiment: what a program without ML.NET gets.</summary>
    public static readonly ProcessorCountPolicy Machine = new(null, null);

    /// <summary>The pinned count, or null for the machine's; a bad value is added to <paramref name="errors"/>.</summary>
    public ThreadSettings? For(ExperimentSpec experiment, List<ReproException> errors)
    {
        var (text, where, pinnedBy) = experiment.Get(Metadata) is { } value
            ? (value, $"experiment '{experiment.Name}' has {Metadata}=\"{value}\"", $"{Metadata}=\"{value}\" on the experiment")
            : (ProjectDefault?.Trim(), $"ReproProcessorCount is \"{ProjectDefault?.Trim()}\"", $"ReproProcessorCount={ProjectDefault?.Trim()}");
        if (string.IsNullOrEmpty(text))
        {
            return MLNet is { } mlnet ? ThreadSettings.Pinned(1, $"{mlnet} found: Repro's default for a program that runs ML.NET") : null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count is >= 1 and <= 65535)
        {
            return ThreadSettings.Pinned(count, pinnedBy);
        }

        errors.Add(new(ErrorCode.BadProcessorCount,
            $"{where}: it must be a whole number of processors from 1 to 65535, such as 1 (the same numbers on every machine) or 16."));
        return null;
    }
}
