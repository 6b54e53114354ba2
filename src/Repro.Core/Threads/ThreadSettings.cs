using System.Globalization;

namespace Repro.Threads;

/// <summary>
/// The threads a program is started with: the processor count .NET reports to it (<c>DOTNET_PROCESSOR_COUNT</c>, which
/// ML.NET sizes its worker threads from) and <c>OMP_NUM_THREADS</c> (which native trainers such as LightGBM read).
/// Some trainers give different numbers at different counts, so the count is an input of a run like its data.
/// </summary>
/// <param name="OmpNumThreads">Null removes the variable, so the program sees exactly what was recorded.</param>
public sealed record ThreadSettings(int ProcessorCount, string? OmpNumThreads)
{
    /// <summary>Why this count, as the record says it: "ML.NET 5.0.1 found: …", "ProcessorCount=\"16\" on the experiment".</summary>
    public string? PinnedBy { get; init; }

    public const string ProcessorCountVariable = "DOTNET_PROCESSOR_COUNT";
    public const string OmpNumThreadsVariable = "OMP_NUM_THREADS";

    /// <summary>A count chosen for Train: .NET and OpenMP alike get <paramref name="count"/>.</summary>
    public static ThreadSettings Pinned(int count, string pinnedBy) => new(count, count.ToString(CultureInfo.InvariantCulture)) { PinnedBy = pinnedBy };

    /// <summary>The variables to set for the program.</summary>
    public IReadOnlyDictionary<string, string> Variables()
    {
        var variables = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [ProcessorCountVariable] = ProcessorCount.ToString(CultureInfo.InvariantCulture),
        };
        if (OmpNumThreads is not null)
        {
            variables[OmpNumThreadsVariable] = OmpNumThreads;
        }

        return variables;
    }

    /// <summary>Whether the program must not inherit the build's value of <paramref name="variable"/>.</summary>
    public bool Removes(string variable) => OmpNumThreads is null && variable == OmpNumThreadsVariable;
}
