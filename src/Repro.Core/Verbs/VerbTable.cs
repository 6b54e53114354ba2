namespace Repro.Verbs;

/// <summary>One verb a user types, <c>dotnet build -t:&lt;Name&gt;</c>.</summary>
/// <param name="Name">The target's name.</param>
/// <param name="Does">What it does, in a sentence.</param>
/// <param name="Takes">The properties it reads, as a user writes them.</param>
/// <param name="Builds">Whether it builds the program (Train, Reproduce); the others read the run store, the registry or the project file.</param>
/// <param name="ReadOnly">Whether it only reports: it never fails because of what it finds, only for a bad request.</param>
/// <param name="Package">Whose targets define it: Repro.Sdk's for an experiment project, Repro.Models's for an application.</param>
public sealed record Verb(string Name, string Does, string Takes, bool Builds = false, bool ReadOnly = false, string Package = "Repro.Sdk");

/// <summary>
/// The verbs, in the order a user meets them: the one table the SDK's targets, docs/reference.md and the tests are checked
/// against. A new verb is a row here, a target in Sdk.targets and a task.
/// </summary>
public static class VerbTable
{
    public static readonly IReadOnlyList<Verb> All =
    [
        new("Train", "Builds the program and runs every experiment that is not up to date, one run folder each.",
            "`-p:Experiment=NAME` `-p:Seed=N` `-p:Seeds=\"1 2 3\"` `'-p:Sweep=\"Trees=10,50\"'` `-p:TestSize=X` `-p:Params=\"Name=value\"` `-p:Force=true` " +
            "`-p:MaxParallelRuns=N` `-p:StopOnFirstFailure=true` `-p:Shard=i/n`", Builds: true),
        new("Runs", "Lists the newest runs and groups, then the runs never finished; never fails because of what it lists.",
            "`-p:Experiment=NAME` `-p:Last=N` (0 for all)", ReadOnly: true),
        new("Report", "Writes the runs page: one HTML file (runs, groups, comparisons, the registry) with nothing loaded from elsewhere; Train refreshes it.",
            "`-p:ReportFile=PATH` (default `runs/index.html`); for Train, `-p:ReproReport=false` skips it", ReadOnly: true),
        new("Reproduce", "Builds the program, re-runs a recorded run (or every member of a group) and fails the build when it diverges, naming the inputs that changed.",
            "`-p:RunId=ID` or `-p:Model=NAME@VERSION`; `-p:Tolerance=\"1e-9 accuracy=0.01\"` `-p:ReproExact=true` `-p:ReproduceAt=commit`", Builds: true),
        new("Describe", "Shows a run, a group or a registered version: inputs, integrity, and the commands that reproduce it.",
            "`-p:RunId=ID` or `-p:Model=NAME@VERSION`", ReadOnly: true),
        new("Compare", "Sets two runs, groups or versions side by side; with `-p:MaxRegression` it is a gate that fails when A is worse.",
            "`-p:RunId=A` `-p:Against=B` (each an id or `NAME@VERSION`) `-p:MaxRegression=\"accuracy=0.01\"`", ReadOnly: true),
        new("Explain", "Builds the program, re-runs A with each input change of B applied alone (data, parameters, code, processor count) and prints what each does to each metric, and their interaction.",
            "`-p:RunId=A` `-p:Against=B` (each a run id or `NAME@VERSION`) `-p:MaxParallelRuns=N`", Builds: true),
        new("Register", "Makes a completed, intact run (or a group's member) the model's next version, serving its model file.",
            "`-p:RunId=ID` `-p:Model=NAME` `-p:Member=RUNID|SEED` `-p:Artifact=artifacts/FILE` `-p:AllowDirty=true`"),
        new("Promote", "Points an alias at a version; the alias keeps its history.", "`-p:Model=NAME@VERSION` `-p:Alias=production`"),
        new("Models", "Lists the registry's models: each version with its run and metrics, each alias with every move it made.", "`-p:Model=NAME` for one", ReadOnly: true),
        new("ApplyParams", "Writes a run's seed, test size, data and parameters into its `<Experiment>` item, keeping the file's formatting.",
            "`-p:RunId=ID` or `-p:Model=NAME@VERSION`"),
        new("Push", "Sends finished runs' records and artifacts to `$(ReproRemote)` by content; a second Push moves nothing.", "`-p:RunId=ID|GROUPID`"),
        new("Pull", "Brings runs and missing artifacts from `$(ReproRemote)`, each file proven by its SHA-256 before it appears.", "`-p:RunId=ID|GROUPID`"),
        new("Prune", "Removes interrupted runs (unfinished folders whose build is gone), and nothing else.", ""),
        new("Verify", "Proves every record against its hashes and reads every group and registry file; fails, naming each, when one is damaged. For CI.", ""),
        new("UpdateModels", "In an application (Repro.Models): resolves every `<ModelReference>` again and moves `models.lock.json` to what the aliases say now, old → new.",
            "`-p:ReproModelCache=DIR`", Package: "Repro.Models"),
    ];

    /// <summary>The table as docs/reference.md shows it.</summary>
    public static string Markdown() =>
        "| verb | what it does | takes |\n| --- | --- | --- |\n" +
        string.Concat(All.Select(v => $"| `-t:{v.Name}` | {Cell(v.Does)} | {(v.Takes.Length == 0 ? "—" : Cell(v.Takes))} |\n"));

    private static string Cell(string text) => text.Replace("|", "\\|");
}
