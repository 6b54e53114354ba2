using Repro.Diagnostics;
using Repro.Groups;
using Repro.Records;
using Repro.Registry;
using Repro.Runs;

namespace Repro.Report.Tests;

/// <summary>
/// The runs page of the Iris sample's committed runs and registry, copied to a folder of its own, with three runs
/// added as a user's store has them: a forest trained with fewer trees, a failed run, and one whose build was killed.
/// </summary>
internal sealed class SamplePage : IDisposable
{
    public const string Forest = "20261203-145243-732-9aa715";
    public const string FewerTrees = "20261203-160000-000-a1b2c3";
    public const string Failed = "20261203-160100-000-d4e5f6";
    public const string Interrupted = "20261203-160200-000-0a0b0c";
    public const string GroupOf100 = "20261203-170000-000-100100";
    public const string GroupOf10 = "20261203-171000-000-010010";
    public const string Sweep = "20261203-180000-000-5eeb00";

    /// <summary>Each seed group's log_loss per seed, as its members recorded them.</summary>
    public static readonly IReadOnlyDictionary<string, double[]> GroupLogLoss = new Dictionary<string, double[]>
    {
        [GroupOf100] = [0.071, 0.078, 0.074],
        [GroupOf10] = [0.118, 0.131, 0.109],
    };

    private SamplePage(string root, string page, IReadOnlyList<string> referenceRuns)
    {
        Root = root;
        Path = page;
        ReferenceRuns = referenceRuns;
    }

    public string Root { get; }

    /// <summary>The page, runs/index.html.</summary>
    public string Path { get; }

    public IReadOnlyList<string> ReferenceRuns { get; }

    public RunStore Store => new(System.IO.Path.Combine(Root, "runs"));

    public Uri Url => new(Path);

    public static SamplePage Create()
    {
        var sample = System.IO.Path.Combine(RepositoryRoot(), "samples", "IrisExperiment");
        var root = Directory.CreateTempSubdirectory("repro-page-").FullName;
        var references = File.ReadAllLines(System.IO.Path.Combine(RepositoryRoot(), ".ci", "reference-runs"))
            .Where(l => l.Trim().Length > 0).Select(l => l.Split(' ')[0]).ToArray();
        foreach (var id in references)
        {
            Copy(System.IO.Path.Combine(sample, "runs", id), System.IO.Path.Combine(root, "runs", id));
        }

        Copy(System.IO.Path.Combine(sample, "registry"), System.IO.Path.Combine(root, "registry"));
        var store = new RunStore(System.IO.Path.Combine(root, "runs"));
        var forest = store.Read(Forest).Require();
        Write(store, forest with
        {
            RunId = FewerTrees,
            StartedAt = DateTimeOffset.Parse("2026-12-03T16:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
            Params = new(forest.Params, StringComparer.Ordinal) { ["Trees"] = "10" },
            Metrics = new(forest.Metrics, StringComparer.Ordinal) { ["log_loss"] = 0.1234, ["accuracy"] = 0.9 },
        });
        Write(store, forest with
        {
            RunId = Failed,
            Status = RunStatus.Failed,
            StartedAt = DateTimeOffset.Parse("2026-12-03T16:01:00Z", System.Globalization.CultureInfo.InvariantCulture),
            Params = new(forest.Params, StringComparer.Ordinal) { ["Trees"] = "500" },
            Metrics = new(StringComparer.Ordinal),
            Error = new ErrorRecord(ErrorCode.ProgramFailed, "the program exited with code 3: the data is upside down"),
        });
        // A folder under its temporary name whose build is long gone: a killed Train leaves one.
        var partial = Directory.CreateDirectory(System.IO.Path.Combine(root, "runs", Interrupted + ".partial")).FullName;
        File.WriteAllText(System.IO.Path.Combine(partial, RunFiles.Output), "training iris-forest with seed 42\n");
        Directory.SetLastWriteTimeUtc(partial, DateTime.UtcNow.AddHours(-2));

        // The two forests logged a loss per tree, as a program's LogMetric(name, value, step) writes it; Train draws it.
        foreach (var (id, trees) in new[] { (Forest, 100), (FewerTrees, 10) })
        {
            var folder = store.Folder(id);
            File.WriteAllLines(System.IO.Path.Combine(folder, RunFiles.History), Enumerable.Range(1, trees).Select(step =>
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{{\"name\":\"oob_loss\",\"step\":{step},\"value\":{1.0 / (1 + step * 0.1)}}}")));
            Plots.RunPlots.Write(folder, forest.Experiment);
        }

        foreach (var (group, trees, minute) in new[] { (GroupOf100, "100", 0), (GroupOf10, "10", 10) })
        {
            SeedGroup(store, forest, group, trees, minute);
        }

        SweepOfTrees(store, forest);
        File.WriteAllText(System.IO.Path.Combine(store.Folder(FewerTrees), RunFiles.SourcePatch), "diff --git a/Program.cs b/Program.cs\n+// fewer trees, to see\n");

        var (page, _, _) = RunsPage.Write(System.IO.Path.Combine(root, "IrisExperiment.csproj"), store,
            new ModelRegistry(System.IO.Path.Combine(root, "registry")), store.PagePath, new NullLog());
        return new SamplePage(root, page, references);
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);

    /// <summary>A sweep over Trees (10, 50, 100) with seeds 1 and 2, ranked by log_loss, with the plots Train draws.</summary>
    private static void SweepOfTrees(RunStore store, RunRecord forest)
    {
        var members = new List<GroupMember>();
        var minute = 0;
        foreach (var (trees, losses) in new[] { ("10", new[] { 0.12, 0.13 }), ("50", new[] { 0.09, 0.095 }), ("100", new[] { 0.075, 0.08 }) })
        {
            for (var seed = 1; seed <= 2; seed++)
            {
                var id = RunId.New(DateTimeOffset.Parse("2026-12-03T18:00:00Z", System.Globalization.CultureInfo.InvariantCulture).AddMinutes(++minute));
                var metrics = new SortedDictionary<string, double>(StringComparer.Ordinal) { ["log_loss"] = losses[seed - 1] };
                var point = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["Trees"] = trees };
                Write(store, forest with { RunId = id, Group = Sweep, Seed = seed, Params = new(forest.Params, StringComparer.Ordinal) { ["Trees"] = trees }, Metrics = metrics });
                members.Add(new GroupMember(id, seed, point, RunStatus.Completed, metrics));
            }
        }

        var points = GroupStatistics.Points(members);
        new GroupStore(store).Write(new GroupRecord
        {
            GroupId = Sweep,
            Experiment = forest.Experiment,
            Seeds = [1, 2],
            Sweep = [new SweepAxis("Trees", ["10", "50", "100"])],
            Members = members,
            Points = points,
            RankedBy = "log_loss",
            LowerIsBetter = true,
            BestPoint = 2,
            BestRun = members[4].RunId,
            Git = forest.Git,
            StartedAt = DateTimeOffset.Parse("2026-12-03T18:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
            Command = "dotnet build -t:Train -p:Experiment=iris-forest '-p:Sweep=\"Trees=10,50,100\"' -p:Seeds=\"1 2\"",
        }, (record, folder) =>
        {
            Plots.GroupPlots.Write(record, folder);
            return record;
        });
    }

    /// <summary>A seed group of three forest runs (seeds 1, 2, 3) with the given trees, recorded as Train records one.</summary>
    private static void SeedGroup(RunStore store, RunRecord forest, string group, string trees, int minute)
    {
        var members = new List<GroupMember>();
        for (var seed = 1; seed <= 3; seed++)
        {
            var id = RunId.New(DateTimeOffset.Parse("2026-12-03T17:00:00Z", System.Globalization.CultureInfo.InvariantCulture).AddMinutes(minute + seed));
            var metrics = new SortedDictionary<string, double>(StringComparer.Ordinal) { ["log_loss"] = GroupLogLoss[group][seed - 1], ["accuracy"] = 0.9 + seed / 100.0 };
            Write(store, forest with { RunId = id, Group = group, Seed = seed, Params = new(forest.Params, StringComparer.Ordinal) { ["Trees"] = trees }, Metrics = metrics });
            members.Add(new GroupMember(id, seed, new(StringComparer.Ordinal), RunStatus.Completed, metrics));
        }

        new GroupStore(store).Write(new GroupRecord
        {
            GroupId = group,
            Experiment = forest.Experiment,
            Seeds = [1, 2, 3],
            Sweep = [],
            Members = members,
            Points = GroupStatistics.Points(members),
            Git = forest.Git,
            StartedAt = DateTimeOffset.Parse("2026-12-03T17:00:00Z", System.Globalization.CultureInfo.InvariantCulture).AddMinutes(minute),
            Command = "dotnet build -t:Train -p:Experiment=iris-forest -p:Seeds=\"1 2 3\"",
        });
    }

    private static void Write(RunStore store, RunRecord record)
    {
        var folder = Directory.CreateDirectory(store.Folder(record.RunId)).FullName;
        RecordJson.WriteRecord(System.IO.Path.Combine(folder, RunFiles.Run), record);
    }

    private static void Copy(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = System.IO.Path.Combine(to, System.IO.Path.GetRelativePath(from, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    internal static string RepositoryRoot()
    {
        var directory = AppContext.BaseDirectory;
        while (!File.Exists(System.IO.Path.Combine(directory, "Repro.sln")))
        {
            directory = System.IO.Path.GetDirectoryName(directory) ?? throw new InvalidOperationException("the tests run outside the repository");
        }

        return directory;
    }

    internal sealed class NullLog : IRunLog
    {
        public void Progress(string message)
        {
        }

        public void Detail(string message)
        {
        }

        public void Warning(string code, string message) => throw new InvalidOperationException($"{code}: {message}");

        public void Error(string code, string message) => throw new InvalidOperationException($"{code}: {message}");
    }
}
