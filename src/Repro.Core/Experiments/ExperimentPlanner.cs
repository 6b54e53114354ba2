using System.Globalization;
using Repro.Diagnostics;
using Repro.Groups;
using Repro.Reproduction;
using Repro.Threads;

namespace Repro.Experiments;

/// <summary>
/// Turns the project's &lt;Experiment&gt; items and the command line into checked run plans. Every problem is
/// collected, so one build shows the user all of them.
/// </summary>
public static class ExperimentPlanner
{
    public static (IReadOnlyList<RunPlan> Plans, IReadOnlyList<ReproException> Errors) Plan(
        IReadOnlyList<ExperimentSpec> experiments, CommandLineOverrides overrides, string projectDirectory, ProcessorCountPolicy? processors = null)
    {
        var errors = new List<ReproException>();
        if (experiments.Count == 0)
        {
            errors.Add(new(ErrorCode.NoExperiments,
                "the project declares no experiments: add <ItemGroup><Experiment Include=\"my-experiment\" Seed=\"42\" /></ItemGroup>."));
            return ([], errors);
        }

        foreach (var duplicate in experiments.GroupBy(e => e.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            // About the second declaration: the first is the one that stands.
            errors.Add(new ReproException(ErrorCode.DuplicateExperiment,
                $"experiment '{duplicate.Key}' is declared {duplicate.Count()} times: give each <Experiment> its own name.").About(IndexOf(experiments, duplicate.ElementAt(1))));
        }

        SortedDictionary<string, string> paramOverrides;
        try
        {
            paramOverrides = ParamsOverride.Parse(overrides.Params);
        }
        catch (ReproException e)
        {
            errors.Add(e);
            paramOverrides = new(StringComparer.Ordinal);
        }

        var plans = new List<RunPlan>();
        foreach (var experiment in Select(experiments, overrides.Experiments, errors))
        {
            var before = errors.Count;
            plans.AddRange(PlanOne(experiment, overrides, paramOverrides, projectDirectory, processors ?? ProcessorCountPolicy.Machine, errors));
            for (var i = before; i < errors.Count; i++)
            {
                errors[i] = errors[i].About(IndexOf(experiments, experiment));
            }
        }

        return (errors.Count == 0 ? plans : [], errors);
    }

    /// <summary>The position of that very spec (specs are records: two equal items are still two).</summary>
    private static int IndexOf(IReadOnlyList<ExperimentSpec> experiments, ExperimentSpec experiment)
    {
        for (var i = 0; i < experiments.Count; i++)
        {
            if (ReferenceEquals(experiments[i], experiment))
            {
                return i;
            }
        }

        return -1;
    }

    private static IEnumerable<ExperimentSpec> Select(
        IReadOnlyList<ExperimentSpec> experiments, string? selection, List<ReproException> errors)
    {
        var names = (selection ?? "").Split([' ', ';', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (names.Length == 0)
        {
            return experiments;
        }

        var known = experiments.Select(e => e.Name).ToArray();
        foreach (var unknown in names.Where(n => !known.Contains(n, StringComparer.OrdinalIgnoreCase)))
        {
            errors.Add(new(ErrorCode.UnknownExperiment,
                $"-p:Experiment={unknown} names no experiment of this project; it has: {string.Join(", ", known)}."));
        }

        return experiments.Where(e => names.Contains(e.Name, StringComparer.OrdinalIgnoreCase));
    }

    private static IReadOnlyList<RunPlan> PlanOne(
        ExperimentSpec experiment,
        CommandLineOverrides overrides,
        SortedDictionary<string, string> paramOverrides,
        string projectDirectory,
        ProcessorCountPolicy processors,
        List<ReproException> errors)
    {
        var errorCount = errors.Count;
        var applied = new List<Override>();
        var seeds = Seeds(experiment, overrides, applied, errors);
        var sweepText = Choose(experiment, "Sweep", overrides.Sweep, applied);
        var testSizeText = Choose(experiment, "TestSize", overrides.TestSize, applied);

        double? testSize = null;
        if (testSizeText is not null)
        {
            if (double.TryParse(testSizeText, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 && value < 1)
            {
                testSize = value;
            }
            else
            {
                errors.Add(new(ErrorCode.BadTestSize,
                    $"experiment '{experiment.Name}' has TestSize=\"{testSizeText}\": it must be a number between 0 and 1, such as 0.2."));
            }
        }

        var data = (experiment.Get("Data") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var path in data.Where(p => !File.Exists(Path.Combine(projectDirectory, p)) && !Directory.Exists(Path.Combine(projectDirectory, p))))
        {
            errors.Add(new(ErrorCode.MissingData,
                $"experiment '{experiment.Name}' names Data \"{path}\", which does not exist under the project folder: fix the path or add the file."));
        }

        var tolerance = ToleranceSpec.Standard;
        try
        {
            tolerance = ToleranceSpec.Parse(experiment.Get("Tolerance"), $"experiment '{experiment.Name}'");
        }
        catch (ReproException e)
        {
            errors.Add(e);
        }

        var threads = processors.For(experiment, errors);

        var parameters = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in experiment.Metadata.Where(m => !ExperimentSpec.WellKnownMetadata.Contains(m.Key)))
        {
            parameters[name] = value;
        }

        foreach (var (name, value) in paramOverrides)
        {
            applied.Add(new Override(name, parameters.GetValueOrDefault(name), value));
            parameters[name] = value;
        }

        IReadOnlyList<SweepAxis> sweep = [];
        if (sweepText is not null)
        {
            try
            {
                sweep = SweepGrid.Parse(sweepText, $"experiment '{experiment.Name}'");
            }
            catch (ReproException e)
            {
                errors.Add(e);
            }
        }

        // -p:Params pins a swept parameter to one value: a member's own Train command (-p:Seed, -p:Params) makes that member alone.
        sweep = sweep.Where(a => !paramOverrides.ContainsKey(a.Name)).ToArray();

        var goal = experiment.Get("SweepGoal");
        if (goal is not null && goal.ToLowerInvariant() is not ("minimize" or "maximize"))
        {
            errors.Add(new(ErrorCode.BadSweepGoal,
                $"experiment '{experiment.Name}' has SweepGoal=\"{goal}\": it must be minimize or maximize."));
        }

        if (errors.Count != errorCount || seeds is null)
        {
            return [];
        }

        if (seeds.Grouped is null && sweep.Count == 0)
        {
            return [new RunPlan(experiment.Name, seeds.Single, testSize, parameters, data, applied, tolerance, threads)];
        }

        // One group: every grid point, the first swept parameter varying slowest, and every seed at each point.
        IReadOnlyList<long> groupSeeds = seeds.Grouped ?? [seeds.Single];
        var group = new GroupPlan(experiment.Name, groupSeeds, sweep, experiment.Get("SweepMetric"), goal?.ToLowerInvariant());
        var plans = new List<RunPlan>();
        foreach (var point in SweepGrid.Points(sweep))
        {
            var pointParams = new SortedDictionary<string, string>(parameters, StringComparer.Ordinal);
            foreach (var (name, value) in point)
            {
                pointParams[name] = value;
            }

            plans.AddRange(groupSeeds.Select(seed =>
                new RunPlan(experiment.Name, seed, testSize, pointParams, data, applied, tolerance, threads) { Group = group, Point = point }));
        }

        return plans;
    }

    /// <summary>The planned seeds: one (Seed, -p:Seed) or a group's (Seeds, -p:Seeds); the command line wins over the project.</summary>
    private static PlannedSeeds? Seeds(ExperimentSpec experiment, CommandLineOverrides overrides, List<Override> applied, List<ReproException> errors)
    {
        var where = $"experiment '{experiment.Name}'";
        var (seedLine, seedsLine) = (Text(overrides.Seed), Text(overrides.Seeds));
        var (seed, seeds) = (experiment.Get("Seed"), experiment.Get("Seeds"));
        if (seedLine is not null && seedsLine is not null)
        {
            errors.Add(new(ErrorCode.SeedAndSeeds, "-p:Seed and -p:Seeds are both given: pass one seed or a list of seeds, not both."));
            return null;
        }

        if (seedLine is null && seedsLine is null && seed is not null && seeds is not null)
        {
            errors.Add(new(ErrorCode.SeedAndSeeds,
                $"{where} has both Seed=\"{seed}\" and Seeds=\"{seeds}\": keep Seed for one run, or Seeds for one run per seed."));
            return null;
        }

        try
        {
            if (seedsLine is not null)
            {
                applied.Add(new Override("Seeds", seeds ?? seed, seedsLine));
                return new PlannedSeeds(0, SeedList.Parse(seedsLine, "-p:Seeds"));
            }

            if (seedLine is null && seeds is not null)
            {
                return new PlannedSeeds(0, SeedList.Parse(seeds, where));
            }
        }
        catch (ReproException e)
        {
            errors.Add(e);
            return null;
        }

        if (seedLine is not null)
        {
            applied.Add(new Override("Seed", seed ?? seeds, seedLine));
        }

        var text = seedLine ?? seed;
        if (text is null)
        {
            errors.Add(new(ErrorCode.BadSeed,
                $"{where} has no Seed: add Seed=\"42\" (any whole number) to its <Experiment> item, or Seeds=\"1;2;3\" for one run per seed."));
            return null;
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            errors.Add(new(ErrorCode.BadSeed, $"{where} has Seed=\"{text}\", which is not a whole number from 0 to {long.MaxValue}."));
            return null;
        }

        return new PlannedSeeds(value, null);
    }

    private static string? Text(string? commandLine) => string.IsNullOrWhiteSpace(commandLine) ? null : commandLine.Trim();

    /// <param name="Grouped">The seeds of a group, or null for the one run of <paramref name="Single"/>.</param>
    private sealed record PlannedSeeds(long Single, IReadOnlyList<long>? Grouped);

    private static string? Choose(ExperimentSpec experiment, string name, string? commandLine, List<Override> applied)
    {
        var projectValue = experiment.Get(name);
        if (string.IsNullOrWhiteSpace(commandLine))
        {
            return projectValue;
        }

        applied.Add(new Override(name, projectValue, commandLine.Trim()));
        return commandLine.Trim();
    }
}
