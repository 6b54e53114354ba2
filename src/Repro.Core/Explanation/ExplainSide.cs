namespace Repro.Explanation;

/// <summary>One side of an explanation: a run, or the completed runs of a group (of one grid point, for a sweep), in plan order.</summary>
/// <param name="Label">What the reference turned out to be, for the report: "run …", "group … (iris, 5 completed runs)".</param>
public sealed record ExplainSide(string Label, IReadOnlyList<string> RunIds, bool IsGroup);
