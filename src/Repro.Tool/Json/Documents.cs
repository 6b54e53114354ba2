using System.Text.Json;
using Repro.Comparison;
using Repro.Groups;
using Repro.Records;
using Repro.Registry;
using Repro.Runs;

namespace Repro.Tool.Json;

// What --json writes, one document per command. docs/cli.md documents each; a change that removes or renames a field
// raises Shape.Version, so a script can refuse a shape it does not know. Fields are only ever added within a version.

/// <summary>Every document's first two fields.</summary>
public static class Shape
{
    public const int Version = 1;
}

public sealed record RunsDocument(int SchemaVersion, string Command, string RunsDirectory, IReadOnlyList<RunRow> Runs, int OlderRuns,
    IReadOnlyList<GroupRow> Groups, int OlderGroups, IReadOnlyList<UnfinishedRun> Unfinished, string? RegistryProblem);

/// <param name="Readable">False when run.json cannot be read: then only the id is known (describe says why).</param>
/// <param name="ArtifactsLocal">False when some artifacts are on the remote, not in the run's folder.</param>
public sealed record RunRow(string RunId, bool Readable, string? Experiment, string? Status, long? Seed, SortedDictionary<string, double>? Metrics,
    string? Commit, bool? Dirty, string? Group, string? ReproductionOf, IReadOnlyList<string> ModelVersions, bool ArtifactsLocal, int? RecordSchemaVersion);

public sealed record GroupRow(string GroupId, bool Readable, string? Experiment, string? Kind, int Members, int Completed, string? RankedBy,
    MetricSummary? Headline, string? BestRun, IReadOnlyList<string> ModelVersions);

/// <param name="State">"interrupted" (Prune removes it), "running" or "otherMachine".</param>
public sealed record UnfinishedRun(string RunId, string State, string Owner, string Holds);

/// <param name="Kind">"run" or "group".</param>
/// <param name="Problem">Why the record is not intact (its code and message); null when it is.</param>
/// <param name="Record">run.json or group.json as written, unchanged (docs/records.md); null when it cannot be read.</param>
public sealed record DescribeDocument(int SchemaVersion, string Command, string Kind, string Id, bool Intact, CodedMessage? Problem,
    IReadOnlyList<string> ArtifactsNotLocal, JsonElement? Record, IReadOnlyList<ModelVersion> Versions, IReadOnlyList<ModelAlias> Aliases, string Reproduce);

public sealed record CodedMessage(string Code, string Message);

public sealed record CompareDocument(int SchemaVersion, string Command, SideRow A, SideRow B, IReadOnlyList<ParameterDifference> Parameters,
    IReadOnlyList<InputCheck> Inputs, IReadOnlyList<MetricRow> Metrics, GateRow? Gate);

public sealed record SideRow(string Reference, string Label, IReadOnlyList<string> Runs, string? Group, IReadOnlyList<string> Problems);

public sealed record MetricRow(string Name, MetricSummary? A, MetricSummary? B, double? Difference, double? Regression, double? PValue, bool LowerIsBetter);

/// <param name="Passed">Every margin held; the exit code is 1 when not.</param>
public sealed record GateRow(IReadOnlyList<RegressionMargin> Margins, IReadOnlyList<MetricRegression> Judged, bool Passed);

public sealed record ModelsDocument(int SchemaVersion, string Command, string RegistryDirectory, IReadOnlyList<ModelRow> Models);

/// <param name="Versions">Each as registry/NAME/versions/N.json holds it.</param>
/// <param name="Aliases">Each with every move, oldest first.</param>
public sealed record ModelRow(string Name, IReadOnlyList<ModelVersion> Versions, IReadOnlyList<ModelAlias> Aliases);

public sealed record VerifyDocument(int SchemaVersion, string Command, int Runs, int Groups, int Models, bool Intact,
    IReadOnlyList<RecordProblem> Problems, int NotLocal, int Interrupted);

public sealed record PruneDocument(int SchemaVersion, string Command, IReadOnlyList<UnfinishedRun> Removed, IReadOnlyList<UnfinishedRun> Kept);

public sealed record ReportDocument(int SchemaVersion, string Command, string Path, int Runs);
