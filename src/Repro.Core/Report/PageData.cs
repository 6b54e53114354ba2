using System.Text.Json.Serialization;

namespace Repro.Report;

/// <summary>
/// What the runs page shows, as the one JSON block its script reads. Sorted throughout (runs by id, maps by key), with
/// no time of its own, so the same records give the same bytes. Every input value is an index into <see cref="Strings"/>:
/// ten thousand runs share a handful of SDKs, machines and data hashes, and the file stays small enough to send.
/// </summary>
/// <param name="Inputs">The names of the inputs Reproduce and Compare check (commit, lock file, data files, toolchain, machine), in their order.</param>
/// <param name="Goals">Each metric's direction, as Compare judges it: true when lower is better.</param>
public sealed record PageData(
    string Project,
    IReadOnlyList<string> Strings,
    IReadOnlyList<string> Inputs,
    IReadOnlyList<PageRun> Runs,
    IReadOnlyList<PageGroup> Groups,
    IReadOnlyList<PageModel> Models,
    SortedDictionary<string, bool> Goals,
    IReadOnlyList<PageWelch> Welch);

/// <param name="Status">completed, failed, cancelled, interrupted, running, or unreadable.</param>
/// <param name="Inputs">Per name of <see cref="PageData.Inputs"/>, the index of the run's value in <see cref="PageData.Strings"/>; -1 where it has none.</param>
/// <param name="Folder">The run's folder relative to the page, for links.</param>
/// <param name="Files">The folder's files, relative to it, '/'-separated, sorted.</param>
/// <param name="Models">The versions registered from the run: iris-classifier@3.</param>
public sealed record PageRun(
    string Id,
    string Experiment,
    string Status,
    long? Seed,
    double? TestSize,
    string? Commit,
    bool? Dirty,
    string Started,
    long? DurationMs,
    string? Group,
    SortedDictionary<string, string> Params,
    SortedDictionary<string, double> Metrics,
    IReadOnlyList<int> Inputs,
    string Folder,
    IReadOnlyList<string> Files,
    IReadOnlyList<string> Models)
{
    public string? Error { get; init; }

    public string? Patch { get; init; }

    /// <summary>The run's plots as Repro drew them: file name → SVG.</summary>
    public SortedDictionary<string, string>? Plots { get; init; }

    /// <summary>Each series in history.jsonl as [step, value] pairs, for the comparison's overlaid plot.</summary>
    public SortedDictionary<string, IReadOnlyList<double[]>>? History { get; init; }

    /// <summary>The command that reproduces the run.</summary>
    public string? Command { get; init; }
}

/// <summary>A seed group or a sweep: each grid point with its statistics, the members, the ranking.</summary>
public sealed record PageGroup(
    string Id,
    string Experiment,
    string Kind,
    IReadOnlyList<long> Seeds,
    IReadOnlyList<PagePoint> Points,
    IReadOnlyList<PageMember> Members,
    string? RankedBy,
    bool LowerIsBetter,
    string? BestRun,
    int? BestPoint,
    string Folder)
{
    public SortedDictionary<string, string>? Plots { get; init; }
}

/// <param name="Statistics">Per metric: n, mean, sd, the interval's bounds (null where one value gives no spread).</param>
public sealed record PagePoint(SortedDictionary<string, string> Params, IReadOnlyList<string> Runs, SortedDictionary<string, PageStatistic> Statistics);

public sealed record PageStatistic(int N, double Mean, double? Sd, double? Low, double? High);

public sealed record PageMember(string RunId, long Seed, SortedDictionary<string, string> Point, string Status);

/// <summary>A registered model: its versions, and each alias with its history.</summary>
public sealed record PageModel(string Name, IReadOnlyList<PageVersion> Versions, IReadOnlyList<PageAlias> Aliases);

public sealed record PageVersion(int Version, string RunId, string? Group, string? Sha256, string RegisteredAt, string? RegisteredBy, SortedDictionary<string, double> Metrics);

/// <param name="History">Oldest first: each move's version, the one before, when and by whom.</param>
public sealed record PageAlias(string Alias, int Version, IReadOnlyList<PageMove> History);

public sealed record PageMove(int Version, int? From, string At, string? By);

/// <summary>Welch's p-value of a metric between two seed groups of one experiment, by Compare's own test.</summary>
public sealed record PageWelch(string A, string B, string Metric, double P);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(PageData))]
internal sealed partial class PageJsonContext : JsonSerializerContext;
