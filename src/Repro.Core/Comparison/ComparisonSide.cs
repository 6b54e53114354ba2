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
    /// <summary>What is wrong with the side, said beside the comparison rather than failing it: a run that failed or is not intact.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

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
    /// <param name="gate">For the regression gate: every run must be completed and intact (else REPRO0052, REPRO0022). Without
    /// it a failed or damaged run is compared as it is, its problem said in <see cref="Problems"/>.</param>
    public static ComparisonSide Resolve(RunStore store, ModelRegistry registry, string? reference, string property, bool gate = true)
    {
        if (string.IsNullOrWhiteSpace(reference))
        {
            throw new ReproException(ErrorCode.NoComparisonSide,
                $"name both sides of the comparison: {property} is missing. Each side is a run id, a group id or a registered model version: " +
                "-t:Compare -p:RunId=20261122-051500-123-3f9a1c -p:Against=iris-classifier@production.");
        }

        reference = reference.Trim();
        if (reference.Contains('@', StringComparison.Ordinal))
        {
            return Registered(store, registry, reference, property, gate);
        }

        if (!RunId.IsValid(reference))
        {
            throw Malformed(reference, property);
        }

        // A group id first; otherwise RunLookup finds the run, or says there is no run or group and names the nearest ids.
        if (RunLookup.FindGroup(store, reference) is { } group)
        {
            return OfGroup(store, reference, "group " + reference, group, preferredRun: null, gate);
        }

        try
        {
            return OfRun(reference, "run " + reference, RunLookup.Find(store, reference), gate);
        }
        catch (ReproException e) when (e.Code == ErrorCode.UnknownRun)
        {
            throw new ReproException(e.Code, $"{property}: {e.Message}", e);
        }
    }

    private static ComparisonSide Registered(RunStore store, ModelRegistry registry, string reference, string property, bool gate)
    {
        ModelReference model;
        try
        {
            model = ModelReference.TryParse(reference)!;
        }
        catch (ReproException e) when (e.Code is ErrorCode.BadModelName or ErrorCode.UnknownVersion)
        {
            throw Malformed(reference, property);
        }

        var resolved = registry.Resolve(model);
        var label = $"{model}: version {resolved.Version},";
        if (resolved.Group is not { } groupId)
        {
            return OfRun(reference, $"{label} run {resolved.RunId}", RunLookup.Find(store, resolved.RunId), gate);
        }

        var groups = new GroupStore(store);
        return groups.Exists(groupId)
            ? OfGroup(store, reference, $"{label} group {groupId}", groups.Read(groupId), resolved.RunId, gate)
            : throw new ReproException(ErrorCode.UnknownRun,
                $"{reference} is version {resolved.Version}, registered from group '{groupId}', and that group is not in '{groups.Directory}': restore the run store.");
    }

    private static ComparisonSide OfRun(string reference, string label, string folder, bool gate)
    {
        var (record, problem) = Read(folder, gate);
        return new ComparisonSide(reference, $"{label} ({record.Experiment})", [record], null, null) { Problems = problem is null ? [] : [problem] };
    }

    private static ComparisonSide OfGroup(RunStore store, string reference, string label, GroupRecord group, string? preferredRun, bool gate)
    {
        var point = group.IsSweep ? PointOf(group, preferredRun) : null;
        var inPoint = group.Members.Where(m => point is null || point.Runs.Contains(m.RunId)).ToArray();
        var members = inPoint.Where(m => m.Status == RunStatus.Completed).ToArray();
        var at = point is null ? "" : " at " + Describe(point);
        var problems = new List<string>();
        if (members.Length == 0)
        {
            if (gate || inPoint.Length == 0)
            {
                throw new ReproException(ErrorCode.NothingToCompare,
                    $"group '{group.GroupId}' has no completed run{at}, so there are no metrics to compare: compare a group whose runs completed.");
            }

            problems.Add($"group {group.GroupId} has no completed run{at}: its runs are shown as they are, without metrics");
            members = inPoint;
        }

        var runs = members.Select(m => Read(RunLookup.Find(store, m.RunId), gate)).ToArray();
        problems.AddRange(runs.Select(r => r.Problem).OfType<string>());
        var what = group.IsSweep ? $"a sweep over {string.Join(", ", group.Sweep.Select(a => a.Name))}, compared{at}, " : "";
        return new ComparisonSide(reference, $"{label} ({group.Experiment}, {what}{Count(runs.Count(r => r.Record.Status == RunStatus.Completed))})",
            runs.Select(r => r.Record).ToArray(), group, point) { Problems = problems };
    }

    /// <summary>The grid point a sweep stands for: the one holding the registered run, else the best, else the first.</summary>
    private static GridPoint? PointOf(GroupRecord group, string? preferredRun) =>
        group.Points.FirstOrDefault(p => preferredRun is not null && p.Runs.Contains(preferredRun))
        ?? (group.BestPoint is { } best && best >= 0 && best < group.Points.Count ? group.Points[best] : null)
        ?? group.Points.FirstOrDefault(p => group.BestRun is not null && p.Runs.Contains(group.BestRun))
        ?? group.Points.FirstOrDefault();

    internal static string Describe(GridPoint point) => string.Join(" ", point.Params.Select(p => $"{p.Key}={p.Value}"));

    private static string Count(int count) => count == 1 ? "1 completed run" : $"{count} completed runs";

    /// <summary>A run's record and, outside the gate, what is wrong with it; for the gate it must be completed and intact.</summary>
    private static (RunRecord Record, string? Problem) Read(string folder, bool gate)
    {
        if (gate)
        {
            try
            {
                return (RecordIntegrity.Read(folder, needArtifacts: false), null);
            }
            catch (ReproException e) when (e.Code == ErrorCode.FailedRunNotReproducible)
            {
                throw new ReproException(ErrorCode.NothingToCompare,
                    $"run '{Path.GetFileName(folder)}' failed, so it has no metrics to compare: compare completed runs.", e);
            }
        }

        var record = StoredRecord.In(folder).Require();
        if (record.Status != RunStatus.Completed)
        {
            return (record, $"run {record.RunId} {record.Status} ({record.Error?.Code}), so it has no metrics");
        }

        try
        {
            RecordIntegrity.ReadAnyStatus(folder, needArtifacts: false);
            return (record, null);
        }
        catch (ReproException e) when (e.Code is ErrorCode.DamagedRecord or ErrorCode.DamagedSourcePatch)
        {
            return (record, $"NOT intact: {e.Message}");
        }
    }

    private static ReproException Malformed(string reference, string property) => new(ErrorCode.BadComparisonReference,
        $"{property}='{reference}' names neither a run, a group nor a model version: give a run or group id (20261122-051500-123-3f9a1c) " +
        "or model@version, model@alias (iris-classifier@3, iris-classifier@production).");
}
