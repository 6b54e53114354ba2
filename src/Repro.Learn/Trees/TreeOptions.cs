
namespace Repro.Learn;

/// <summary>Checks and resolves the growth options shared by trees and forests.</summary>
internal static class TreeOptions
{
    public static TreeSettings Resolve(Dataset data, int? maxDepth, int minSamplesLeaf, int? maxFeatures, int defaultMaxFeatures, int? maxDegreeOfParallelism)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (maxDepth is < 1)
        {
            throw new InvalidOptionException(ErrorCodes.InvalidOption, "MaxDepth", $"{maxDepth} is below 1. Use null for unlimited depth.");
        }

        if (minSamplesLeaf < 1)
        {
            throw new InvalidOptionException(ErrorCodes.InvalidOption, "MinSamplesLeaf", $"{minSamplesLeaf} is below 1. Use for example 1.");
        }

        if (maxFeatures is not null && (maxFeatures < 1 || maxFeatures > data.Features))
        {
            throw new InvalidOptionException(ErrorCodes.InvalidOption, "MaxFeatures", $"{maxFeatures} is not between 1 and the {data.Features} features. Use null for the default.");
        }

        if (maxDegreeOfParallelism is < 1)
        {
            throw new InvalidOptionException(ErrorCodes.InvalidOption, "MaxDegreeOfParallelism", $"{maxDegreeOfParallelism} is below 1. Use null for all cores.");
        }

        if (data.Rows == 0)
        {
            throw new InvalidOptionException(ErrorCodes.InvalidOption, nameof(data), "the data set has no rows.");
        }

        return new TreeSettings(maxDepth ?? int.MaxValue, minSamplesLeaf, maxFeatures ?? defaultMaxFeatures);
    }

    public static ParallelOptions Parallel(int? maxDegreeOfParallelism) =>
        new() { MaxDegreeOfParallelism = maxDegreeOfParallelism ?? -1 };
}
