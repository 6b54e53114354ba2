namespace Repro;

/// <summary>The names of the files in a run folder: the contract between the build, the program and later tools.</summary>
public static class RunFiles
{
    /// <summary>What was intended: experiment, seed, test size, parameters, data.</summary>
    public const string Config = "config.json";

    /// <summary>What happened: metric name to number, written by the program.</summary>
    public const string Metrics = "metrics.json";

    /// <summary>The series behind the metrics: one JSON object per line, <c>{"name":…,"step":…,"value":…}</c>, in logging order.</summary>
    public const string History = "history.jsonl";

    /// <summary>The manifest: every stamp that ties the metrics to their inputs.</summary>
    public const string Run = "run.json";

    /// <summary>A human summary of the run.</summary>
    public const string Report = "report.md";

    /// <summary>The runtime the program actually ran on, written by this library.</summary>
    public const string Runtime = "runtime.json";

    /// <summary>
    /// What the program said its models are made of (<see cref="ModelShape"/>): trainer options and pipeline steps; only
    /// when it recorded any. A file of its own, not runtime.json, which is about the machine and is rewritten at exit.
    /// </summary>
    public const string ModelShape = "model-shape.json";

    /// <summary>Everything the program printed.</summary>
    public const string Output = "output.log";

    /// <summary>A run from a dirty tree: its uncommitted changes as a binary git patch against the recorded commit.</summary>
    public const string SourcePatch = "source.patch";

    /// <summary>The folder, inside the run folder, that holds the model and other artifacts.</summary>
    public const string ArtifactsFolder = "artifacts";

    /// <summary>The folder, inside the run folder, where the build draws the run's series; hashed like the artifacts.</summary>
    public const string PlotsFolder = "plots";

    /// <summary>Which rows the program held out for testing (<see cref="SplitFingerprint"/>); only when it recorded its split.</summary>
    public const string Split = "split.json";

    /// <summary>The command-line option that hands a program its run folder.</summary>
    public const string RunOption = "--repro-run";
}
