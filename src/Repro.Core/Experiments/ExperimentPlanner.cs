using System.Globalization;
using Repro.Diagnostics;
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
            errors.Add(new(ErrorCode.DuplicateExperiment,
                $"experiment '{duplicate.Key}' is declared {duplicate.Count()} times: give each <Experiment> its own name."));
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
            var plan = PlanOne(experiment, overrides, paramOverrides, projectDirectory, processors ?? ProcessorCountPolicy.Machine, errors);
            if (plan is not null)
            {
                plans.Add(plan);
            }
        }

        return (errors.Count == 0 ? plans : [], errors);
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

    private static RunPlan? PlanOne(
        ExperimentSpec experiment,
        CommandLineOverrides overrides,
        SortedDictionary<string, string> paramOverrides,
        string projectDirectory,
        ProcessorCountPolicy processors,
        List<ReproException> errors)
    {
        var errorCount = errors.Count;
        var applied = new List<Override>();
        var seedText = Choose(experiment, "Seed", overrides.Seed, applied);
        var testSizeText = Choose(experiment, "TestSize", overrides.TestSize, applied);

        long seed = 0;
        if (seedText is null)
        {
            errors.Add(new(ErrorCode.BadSeed,
                $"experiment '{experiment.Name}' has no Seed: add Seed=\"42\" (any whole number) to its <Experiment> item."));
        }
        else if (!long.TryParse(seedText, NumberStyles.None, CultureInfo.InvariantCulture, out seed))
        {
            errors.Add(new(ErrorCode.BadSeed,
                $"experiment '{experiment.Name}' has Seed=\"{seedText}\", which is not a whole number from 0 to {long.MaxValue}."));
        }

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

        return errors.Count == errorCount
            ? new RunPlan(experiment.Name, seed, testSize, parameters, data, applied, tolerance, threads)
            : null;
    }

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
