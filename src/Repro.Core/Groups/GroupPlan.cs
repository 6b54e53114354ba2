namespace Repro.Groups;

/// <summary>
/// What makes an experiment's runs one group: its seeds and its grid. Every run planned from it carries this same
/// instance, and the trainer records the group once they have all run.
/// </summary>
/// <param name="SweepMetric">The metric the grid is ranked by (SweepMetric), or null for the first metric logged.</param>
/// <param name="SweepGoal">"minimize" or "maximize" (SweepGoal), or null to go by the metric's name.</param>
public sealed record GroupPlan(string Experiment, IReadOnlyList<long> Seeds, IReadOnlyList<SweepAxis> Sweep, string? SweepMetric, string? SweepGoal);
