namespace Repro.Groups;

/// <summary>Which way is better for a metric: lower for losses and errors, higher for everything else, unless declared.</summary>
public static class MetricGoal
{
    private static readonly string[] LowerIsBetterWords = ["loss", "rmse", "mse", "mae", "error", "perplexity"];

    // A loss's reduction (ML.NET's log_loss_reduction) is better the higher it is.
    private static readonly string[] HigherIsBetterWords = ["reduction", "improvement", "gain"];

    /// <param name="declared">"minimize" or "maximize" (SweepGoal), or null to go by the name.</param>
    public static bool LowerIsBetter(string metric, string? declared = null) => declared?.Trim().ToLowerInvariant() switch
    {
        "minimize" or "min" => true,
        "maximize" or "max" => false,
        _ => metric.ToLowerInvariant().Split('_', '-', '.', ' ') is var words
            && words.Any(word => LowerIsBetterWords.Contains(word)) && !words.Any(word => HigherIsBetterWords.Contains(word)),
    };

    /// <summary>How much worse <paramref name="candidate"/> is than <paramref name="baseline"/> (positive when worse).</summary>
    public static double Regression(double candidate, double baseline, bool lowerIsBetter) =>
        lowerIsBetter ? candidate - baseline : baseline - candidate;
}
