using Repro.Diagnostics;
using Repro.Groups;
using Repro.Records;
using Repro.Registry;
using Repro.Reproduction;
using Repro.Runs;

namespace Repro.Comparison;

/// <summary>
/// One side of a comparison: a run, or the completed runs of a group (for a sweep, those of one grid point), named by a
/// run id, a group id or a registered model version such as <c>iris-classifier@production</c>.
/// </summary>
/// <param name="Reference">What the user wrote.</param>
/// <param name="Label">What it turned out to be, for the report.</param>
/// <param name="Runs">The run, or the group's completed members in plan order; never empty. Every record is intact.</param>
/// <param name="Group">The group, or null for a single run.</param>
/// <param name="Point">For a sweep, the grid point compared: the registered version's, else the best.</param>
public sealed record ComparisonSide(string Reference, string Label, IReadOnlyList<RunRecord> Runs, GroupRecord? Group, GridPoint? Point)
{
    /// <summary>The run whose parameters and inputs stand for the side: the run, or the group's first completed member.</summary>
    public RunRecord Representative => Runs[0];

    public bool IsGroup => Group is not null;

    /// <summary>The metrics every run of the side logged; a metric some members lack is left out, as in a group's statistics.</summary>
    public IEnumerable<string> Metrics => Runs[0].Metrics.Keys.Where(name => Runs.All(r => r.Metrics.ContainsKey(name)));

    /// <summary>A metric's values, run by run; null when some run did not log it.</summary>
    public IReadOnlyList<double>? Values(string metric) =>
        Runs.All(r => r.Metrics.ContainsKey(metric)) ? Runs.Select(r => r.Metrics[metric]).ToArray() : null;

    /// <summary>Finds what a reference names: a run id, a group id, or <c>model@version</c> / <c>model@alias</c>.</summary>
    /// <param name="property">The property that gave the reference (-p:RunId, -p:Against), for the messages.</param>
    public static ComparisonSide Resolve(RunStore store, ModelRegistry registry, string? reference, string property)
    {
        if (string.IsNullOrWhiteSpace(reference))
        {
            throw new ReproException(ErrorCode.NoComparisonSide,
                $"name both sides of the comparison: {property} is missing. Each side is a run id, a group id or a registered model version: " +
                "-t:Compare -p:RunId=20261122-051500-123-3f9a1c -p:Against=iris-classifier@production.");
        }

        reference = reference.Trim();
        var at = reference.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            return Registered(store, registry, reference, property, reference[..at], reference[(at + 1)..]);
        }

        if (!RunId.IsValid(reference))
        {
            throw Malformed(reference, property);
        }

        // A group id first; otherwise RunLookup finds the run, or says there is no run or group and names the nearest ids.
        if (RunLookup.FindGroup(store, reference) is { } group)
        {
            return OfGroup(store, reference, "group " + reference, group, preferredRun: null);
        }

        try
        {
            return OfRun(reference, "run " + reference, RunLookup.Find(store, reference));
        }
        catch (ReproException e) when (e.Code == ErrorCode.UnknownRun)
        {
            throw new ReproException(e.Code, $"{property}: {e.Message}", e);
        }
    }

    private static ComparisonSide Registered(RunStore store, ModelRegistry registry, string reference, string property, string model, string version)
    {
        if (model.Length == 0 || version.Length == 0)
        {
            throw Malformed(reference, property);
        }

        var resolved = registry.Resolve(model, version);
        var label = $"{model}@{version}: version {resolved.Version},";
        if (resolved.Group is not { } groupId)
        {
            return OfRun(reference, $"{label} run {resolved.RunId}", RunLookup.Find(store, resolved.RunId));
        }

        var groups = new GroupStore(store);
        return groups.Exists(groupId)
            ? OfGroup(store, reference, $"{label} group {groupId}", groups.Read(groupId), resolved.RunId)
            : throw new ReproException(ErrorCode.UnknownRun,
                $"{reference} is version {resolved.Version}, registered from group '{groupId}', and that group is not in '{groups.Directory}': restore the run store.");
    }

    private static ComparisonSide OfRun(string reference, string label, string folder)
    {
        var record = Read(folder);
        return new ComparisonSide(reference, $"{label} ({record.Experiment})", [record], null, null);
    }

    private static ComparisonSide OfGroup(RunStore store, string reference, string label, GroupRecord group, string? preferredRun)
    {
        var point = group.IsSweep ? PointOf(group, preferredRun) : null;
        var members = group.Completed.Where(m => point is null || point.Runs.Contains(m.RunId)).ToArray();
        var at = point is null ? "" : " at " + Describe(point);
        if (members.Length == 0)
        {
            throw new ReproException(ErrorCode.NothingToCompare,
                $"group '{group.GroupId}' has no completed run{at}, so there are no metrics to compare: compare a group whose runs completed.");
        }

        var runs = members.Select(m => Read(RunLookup.Find(store, m.RunId))).ToArray();
        var what = group.IsSweep ? $"a sweep over {string.Join(", ", group.Sweep.Select(a => a.Name))}, compared{at}, " : "";
        return new ComparisonSide(reference, $"{label} ({group.Experiment}, {what}{Count(runs.Length)})", runs, group, point);
    }

    /// <summary>The grid point a sweep stands for: the one holding the registered run, else the best, else the first.</summary>
    private static GridPoint? PointOf(GroupRecord group, string? preferredRun) =>
        group.Points.FirstOrDefault(p => preferredRun is not null && p.Runs.Contains(preferredRun))
        ?? (group.BestPoint is { } best && best >= 0 && best < group.Points.Count ? group.Points[best] : null)
        ?? group.Points.FirstOrDefault(p => group.BestRun is not null && p.Runs.Contains(group.BestRun))
        ?? group.Points.FirstOrDefault();

    internal static string Describe(GridPoint point) => string.Join(" ", point.Params.Select(p => $"{p.Key}={p.Value}"));

    private static string Count(int count) => count == 1 ? "1 completed run" : $"{count} completed runs";

    private static RunRecord Read(string folder)
    {
        try
        {
            return RecordIntegrity.Read(folder, needArtifacts: false);
        }
        catch (ReproException e) when (e.Code == ErrorCode.FailedRunNotReproducible)
        {
            throw new ReproException(ErrorCode.NothingToCompare,
                $"run '{Path.GetFileName(folder)}' failed, so it has no metrics to compare: compare completed runs.", e);
        }
    }

    private static ReproException Malformed(string reference, string property) => new(ErrorCode.BadComparisonReference,
        $"{property}='{reference}' names neither a run, a group nor a model version: give a run or group id (20261122-051500-123-3f9a1c) " +
        "or model@version, model@alias (iris-classifier@3, iris-classifier@production).");
}
