using System.Globalization;
using Repro.Diagnostics;
using Repro.Groups;
using Repro.Records;
using Repro.Registry;
using Repro.Reproduction;
using Repro.Runs;
using Repro.Training;

namespace Repro.Report;

/// <summary>
/// Reads the run store, its groups and the registry into <see cref="PageData"/>: every run (finished, failed, cancelled,
/// interrupted, unreadable), each with the inputs Compare checks, taken from Compare's own code.
/// </summary>
public static class PageBuilder
{
    /// <summary>Files listed per run: a folder with more says how many it left out.</summary>
    internal const int MaxFiles = 50;

    /// <summary>A source.patch larger than this is linked, not embedded.</summary>
    internal const int MaxPatchBytes = 64 * 1024;

    /// <summary>Points kept per series for the overlaid plot; a longer series keeps every k-th, the last always.</summary>
    internal const int MaxPoints = 400;

    /// <summary>Seed groups per experiment whose pairs get Welch's p-values; more are compared with -t:Compare.</summary>
    internal const int MaxWelchGroups = 60;

    /// <param name="pageFolder">Where the page is written: its links to run folders are relative to it.</param>
    public static PageData Build(string projectFile, RunStore store, ModelRegistry registry, string pageFolder, IRunLog log) =>
        Build(projectFile, store, registry, pageFolder, log, partials: true, records: null);

    /// <param name="partials">False leaves out the runs still under their temporary names, which a build may be making.</param>
    /// <param name="records">Records already read in this build, kept while their files are unchanged; null to read each.</param>
    internal static PageData Build(string projectFile, RunStore store, ModelRegistry registry, string pageFolder, IRunLog log, bool partials, RecordCache? records)
    {
        var strings = new StringTable();
        var inputs = new InputColumns();
        var versions = Versions(registry, log);
        var runs = new List<PageRun>();
        foreach (var id in store.RunIds())
        {
            var folder = store.Folder(id);
            var stored = records?.Read(id) ?? store.Read(id);
            var models = versions.Where(v => v.Version.RunId == id).Select(v => $"{v.Version.Model}@{v.Version.Version}").ToArray();
            runs.Add(stored.Record is { } record
                ? Run(record, folder, projectFile, pageFolder, models, inputs, strings)
                : Unreadable(id, folder, pageFolder, models, stored.Problem?.Message));
        }

        foreach (var partial in partials ? store.Partials() : [])
        {
            runs.Add(Partial(partial, pageFolder));
        }

        runs.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        var groups = Groups(store, pageFolder, log);
        var goals = runs.SelectMany(r => r.Metrics.Keys).Distinct(StringComparer.Ordinal)
            .ToDictionary(name => name, name => MetricGoal.LowerIsBetter(name, Declared(name, groups)), StringComparer.Ordinal);
        return new PageData(
            Path.GetFileNameWithoutExtension(projectFile),
            strings.Values,
            inputs.Names,
            runs.Select(r => r with { Inputs = inputs.Align(r.Inputs) }).ToArray(),
            groups.Select(g => g.Page).ToArray(),
            Models(registry, versions, log),
            new SortedDictionary<string, bool>(goals, StringComparer.Ordinal),
            Welch(groups));
    }

    private static PageRun Run(RunRecord record, string folder, string projectFile, string pageFolder, string[] models, InputColumns inputs, StringTable strings)
    {
        // Compared with itself, Compare's own check lists every input by name with the run's value.
        var facts = RunComparison.Inputs(record, record).Select(check => (inputs.Of(check.Input), strings.Of(check.Recorded))).ToArray();
        var patch = Path.Combine(folder, RunFiles.SourcePatch);
        return new PageRun(
            record.RunId, record.Experiment, record.Status, record.Seed, record.TestSize, record.Git.Commit, record.Git.Dirty,
            Time(record.StartedAt), record.DurationMs, record.Group, record.Params, record.Metrics,
            InputColumns.Sparse(facts), Href(pageFolder, folder), Files(folder), models)
        {
            Error = record.Error is { } error ? $"{error.Code}: {error.Message}" : null,
            Patch = File.Exists(patch) && new FileInfo(patch).Length <= MaxPatchBytes ? File.ReadAllText(patch) : null,
            Plots = Plots(folder),
            History = History(folder, record.Experiment),
            Command = ReproduceCommand.ForReproduce(projectFile, "-p:RunId=" + record.RunId),
        };
    }

    private static PageRun Unreadable(string id, string folder, string pageFolder, string[] models, string? problem) =>
        new(id, "?", "unreadable", null, null, null, null, Started(id), null, null, new(StringComparer.Ordinal), new(StringComparer.Ordinal), [],
            Href(pageFolder, folder), Files(folder), models) { Error = problem };

    /// <summary>A folder still under its temporary name: interrupted when its build is gone, running while it is not.</summary>
    private static PageRun Partial(PartialRun partial, string pageFolder)
    {
        RunConfig? config = null;
        try
        {
            var path = Path.Combine(partial.Folder, RunFiles.Config);
            config = File.Exists(path) ? RecordJson.ReadConfig(path) : null;
        }
        catch (ReproException)
        {
            // An interrupted run may have left half a config: it is listed by its id alone.
        }

        var status = partial.State == PartialState.Interrupted ? "interrupted" : "running";
        return new PageRun(partial.RunId, config?.Experiment ?? "?", status, config?.Seed, config?.TestSize, null, null, Started(partial.RunId), null, null,
            config?.Params ?? new(StringComparer.Ordinal), new(StringComparer.Ordinal), [], Href(pageFolder, partial.Folder), Files(partial.Folder), [])
        {
            Error = status == "interrupted" ? $"interrupted: its build is gone ({partial.Holds}); -t:Prune removes it" : null,
        };
    }

    private static string Started(string runId) =>
        DateTimeOffset.TryParseExact(runId[..19], "yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? Time(at)
            : "";

    private static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A relative link from the page to a folder, each segment escaped, '/'-separated.</summary>
    internal static string Href(string pageFolder, string folder) =>
        string.Join('/', Path.GetRelativePath(pageFolder, folder).Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).Select(Uri.EscapeDataString));

    private static IReadOnlyList<string> Files(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToArray();
        return files.Length <= MaxFiles ? files : [.. files.Take(MaxFiles), $"… and {files.Length - MaxFiles} more"];
    }

    private static SortedDictionary<string, string>? Plots(string folder)
    {
        var plots = Path.Combine(folder, RunFiles.PlotsFolder);
        if (!Directory.Exists(plots))
        {
            return null;
        }

        var svgs = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(plots, "*.svg"))
        {
            svgs[Path.GetFileName(file)] = File.ReadAllText(file);
        }

        return svgs.Count == 0 ? null : svgs;
    }

    private static SortedDictionary<string, IReadOnlyList<double[]>>? History(string folder, string experiment)
    {
        var path = Path.Combine(folder, RunFiles.History);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var series = new SortedDictionary<string, IReadOnlyList<double[]>>(StringComparer.Ordinal);
            foreach (var (metric, points) in MetricHistory.Read(path, experiment))
            {
                var every = Math.Max(1, (points.Count + MaxPoints - 1) / MaxPoints);
                series[metric] = points.Where((_, i) => i % every == 0 || i == points.Count - 1).Select(p => new[] { p.Step, p.Value }).ToArray();
            }

            return series.Count == 0 ? null : series;
        }
        catch (ReproException)
        {
            // A damaged history is Describe's to report; the page shows the run without its series.
            return null;
        }
    }

    private sealed record GroupEntry(GroupRecord Record, PageGroup Page);

    private static IReadOnlyList<GroupEntry> Groups(RunStore store, string pageFolder, IRunLog log)
    {
        var groups = new GroupStore(store);
        var entries = new List<GroupEntry>();
        foreach (var id in store.GroupIds())
        {
            GroupRecord record;
            try
            {
                record = groups.Read(id);
            }
            catch (ReproException e)
            {
                log.Warning(e.Code, $"the page leaves out group {id}: {e.Message}");
                continue;
            }

            var folder = store.GroupFolder(id);
            var points = record.Points.Select(p => new PagePoint(p.Params, p.Runs,
                new SortedDictionary<string, PageStatistic>(p.Statistics.ToDictionary(s => s.Key,
                    s => new PageStatistic(s.Value.Count, s.Value.Mean, s.Value.StandardDeviation, s.Value.ConfidenceLow, s.Value.ConfidenceHigh)), StringComparer.Ordinal))).ToArray();
            var page = new PageGroup(id, record.Experiment, record.IsSweep ? "sweep" : "seeds", record.Seeds, points,
                record.Members.Select(m => new PageMember(m.RunId, m.Seed, m.Point, m.Status)).ToArray(),
                record.RankedBy, record.LowerIsBetter, record.BestRun, record.BestPoint, Href(pageFolder, folder))
            {
                Plots = Plots(folder),
            };
            entries.Add(new GroupEntry(record, page));
        }

        return entries;
    }

    private static string? Declared(string metric, IReadOnlyList<GroupEntry> groups) => groups
        .Where(g => g.Record.RankedBy == metric)
        .Select(g => g.Record.LowerIsBetter ? "minimize" : "maximize")
        .FirstOrDefault();

    /// <summary>Welch's p-value for every metric of every pair of seed groups of one experiment, with Compare's test.</summary>
    private static IReadOnlyList<PageWelch> Welch(IReadOnlyList<GroupEntry> groups)
    {
        var tests = new List<PageWelch>();
        foreach (var experiment in groups.Where(g => !g.Record.IsSweep).GroupBy(g => g.Record.Experiment, StringComparer.Ordinal))
        {
            var seeds = experiment.Take(MaxWelchGroups).ToArray();
            for (var i = 0; i < seeds.Length; i++)
            {
                for (var j = i + 1; j < seeds.Length; j++)
                {
                    foreach (var metric in Metrics(seeds[i].Record).Intersect(Metrics(seeds[j].Record)).Order(StringComparer.Ordinal))
                    {
                        if (WelchTest.PValue(Values(seeds[i].Record, metric), Values(seeds[j].Record, metric)) is { } p)
                        {
                            tests.Add(new PageWelch(seeds[i].Page.Id, seeds[j].Page.Id, metric, p));
                        }
                    }
                }
            }
        }

        return tests;
    }

    private static IEnumerable<string> Metrics(GroupRecord group) => group.Completed.SelectMany(m => m.Metrics.Keys).Distinct(StringComparer.Ordinal);

    private static double[] Values(GroupRecord group, string metric) =>
        group.Completed.Where(m => m.Metrics.ContainsKey(metric)).Select(m => m.Metrics[metric]).ToArray();

    private static IReadOnlyList<(ModelVersion Version, IReadOnlyList<ModelAlias> Aliases)> Versions(ModelRegistry registry, IRunLog log)
    {
        try
        {
            return registry.Models().SelectMany(model =>
            {
                var aliases = registry.Aliases(model);
                return registry.Versions(model).Select(v => (v, aliases));
            }).ToArray();
        }
        catch (ReproException e)
        {
            log.Warning(e.Code, $"the page shows no registry: {e.Message}");
            return [];
        }
    }

    private static IReadOnlyList<PageModel> Models(ModelRegistry registry, IReadOnlyList<(ModelVersion Version, IReadOnlyList<ModelAlias> Aliases)> versions, IRunLog log) =>
        versions.GroupBy(v => v.Version.Model, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(model => new PageModel(
            model.Key,
            model.OrderBy(v => v.Version.Version).Select(v => new PageVersion(v.Version.Version, v.Version.RunId, v.Version.Group, v.Version.Artifact?.Sha256,
                Time(v.Version.RegisteredAt), v.Version.RegisteredBy, v.Version.Metrics)).ToArray(),
            model.First().Aliases.OrderBy(a => a.Alias, StringComparer.Ordinal).Select(a => new PageAlias(a.Alias, a.Version,
                a.History.Select(m => new PageMove(m.Version, m.From, Time(m.At), m.By)).ToArray())).ToArray())).ToArray();
}
