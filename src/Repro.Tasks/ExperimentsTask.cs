using Microsoft.Build.Framework;
using Repro.Experiments;
using Repro.Threads;
using Repro.Training;

namespace Repro.Tasks;

/// <summary>The inputs of the two tasks that plan experiments: the &lt;Experiment&gt; items, the command-line overrides, and the program.</summary>
public abstract class ExperimentsTask : ReproTask
{
    private ProgramInputs? _program;

    /// <summary>@(_ReproProgram): the program, with what its runs are stamped with (and restore's assets file, for ML.NET).</summary>
    [Required]
    public ITaskItem Program { get; set; } = null!;

    public ITaskItem[] Experiments { get; set; } = [];

    /// <summary>-p:Experiment</summary>
    public string? Experiment { get; set; }

    /// <summary>-p:Seed</summary>
    public string? Seed { get; set; }

    /// <summary>-p:Seeds: one run per seed, as a group.</summary>
    public string? Seeds { get; set; }

    /// <summary>-p:Sweep: a parameter grid, as a group.</summary>
    public string? Sweep { get; set; }

    /// <summary>-p:MaxParallelRuns: how many runs at once; default 1.</summary>
    public string? MaxParallelRuns { get; set; }

    /// <summary>-p:TestSize</summary>
    public string? TestSize { get; set; }

    /// <summary>-p:Params</summary>
    public string? Params { get; set; }

    /// <summary>$(ReproProcessorCount): the count pinned for experiments without ProcessorCount metadata.</summary>
    public string? ProcessorCount { get; set; }

    /// <summary>-p:Shard=i/n: only slice i of n of the planned runs, as one job of a CI matrix.</summary>
    public string? Shard { get; set; }

    private protected ProgramInputs ProgramInputs => _program ??= TaskItems.Program(Program);

    /// <summary>-p:Shard, checked by <see cref="Plan"/>; null for every planned run.</summary>
    private protected Sharding.Shard? Slice { get; private set; }

    /// <summary>-p:MaxParallelRuns, checked by <see cref="Plan"/>.</summary>
    private protected int ParallelLimit { get; private set; } = ParallelRuns.Default;

    /// <summary>ML.NET as restore found it in the program's closure, or null.</summary>
    private protected MLNetUse? MLNet => MLNetUse.Find(FullPath(ProgramInputs.AssetsFile), ProgramInputs.TargetFramework);

    /// <summary>The checked plans, or none after logging every problem found.</summary>
    private protected IReadOnlyList<RunPlan> Plan()
    {
        var specs = Experiments.Select(item => new ExperimentSpec(
            item.ItemSpec,
            item.CloneCustomMetadata().Keys.Cast<string>()
                .ToDictionary(name => name, item.GetMetadata, StringComparer.OrdinalIgnoreCase))).ToArray();
        var (plans, errors) = ExperimentPlanner.Plan(specs, new CommandLineOverrides(Experiment, Seed, TestSize, Params) { Seeds = Seeds, Sweep = Sweep },
            Settings.ProjectDirectory, new ProcessorCountPolicy(ProcessorCount, MLNet));
        foreach (var error in errors)
        {
            if (error.ExperimentIndex is int index && index >= 0 && index < Experiments.Length && Location(index) is { } at)
            {
                new MsBuildRunLog(Log, Settings.ProjectFile).ErrorAt(at, error.Code, error.Message);
            }
            else
            {
                RunLog.Error(error.Code, error.Message);
            }
        }

        try
        {
            ParallelLimit = ParallelRuns.Parse(MaxParallelRuns);
            Slice = Sharding.Shard.Parse(Shard);
        }
        catch (Diagnostics.ReproException e)
        {
            RunLog.Error(e.Code, e.Message);
            return [];
        }

        return plans;
    }

    private protected string? FullPath(string? path) => string.IsNullOrEmpty(path) ? null : Path.GetFullPath(Path.Combine(Settings.ProjectDirectory, path));

    /// <summary>Where the item is declared: MSBuild tells the file (the project or an import), the file tells the line.</summary>
    private ItemLocation? Location(int index)
    {
        var item = Experiments[index];
        var file = item.GetMetadata("DefiningProjectFullPath");
        if (string.IsNullOrEmpty(file))
        {
            return null;
        }

        // The n-th item of this name declared in that file is its n-th element of that name.
        var occurrence = Experiments.Take(index).Count(other =>
            string.Equals(other.ItemSpec, item.ItemSpec, StringComparison.OrdinalIgnoreCase) && other.GetMetadata("DefiningProjectFullPath") == file);
        return ItemLocation.Find(file, item.ItemSpec, occurrence);
    }
}
