using System.Diagnostics;
using Repro.Diagnostics;
using Repro.Experiments;
using Repro.Fingerprints;
using Repro.Records;

namespace Repro.Training;

/// <summary>A finished run: its record and its final folder.</summary>
public sealed record RunOutcome(RunRecord Record, string Folder);

/// <summary>
/// Makes runs: for each plan, a run folder with the config, the program's metrics and artifacts, the manifest
/// and a report. A failed run is kept, marked failed; later plans still run.
/// </summary>
public sealed class Trainer(TrainSettings settings)
{
    private readonly Dictionary<string, IReadOnlyList<FileFingerprint>> _dataFingerprints = new(StringComparer.Ordinal);
    private BuildInputs? _inputs;

    public IReadOnlyList<RunOutcome> Train(IReadOnlyList<RunPlan> plans, CancellationToken cancellation = default)
    {
        var outcomes = new List<RunOutcome>();
        for (var i = 0; i < plans.Count && !cancellation.IsCancellationRequested; i++)
        {
            var plan = plans[i];
            var position = plans.Count > 1 ? $"[{i + 1}/{plans.Count}] " : "";
            settings.Log.Progress($"{position}Training {plan.Experiment} with seed {plan.Seed}…");
            outcomes.Add(TrainOne(plan, cancellation));
        }

        return outcomes;
    }

    /// <summary>Makes one run.</summary>
    /// <param name="annotate">Adds to the record before it is written, as a reproduction adds its verdict; gets the run folder too.</param>
    public RunOutcome TrainOne(RunPlan plan, CancellationToken cancellation, Func<RunRecord, string, RunRecord>? annotate = null)
    {
        _inputs ??= BuildInputs.Read(settings);
        var startedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var run = settings.Store.Begin(startedAt);
        var config = new RunConfig
        {
            RunId = run.Id,
            Experiment = plan.Experiment,
            Seed = plan.Seed,
            TestSize = plan.TestSize,
            Params = plan.Params,
            Data = plan.Data,
            Overrides = plan.Overrides,
            ProcessorCount = plan.Threads?.ProcessorCount,
        };
        var configPath = Path.Combine(run.Path, RunFiles.Config);
        RecordJson.WriteConfig(configPath, config);
        var data = DataFingerprints(plan.Data);

        ErrorRecord? error = null;
        var metrics = new SortedDictionary<string, double>(StringComparer.Ordinal);
        try
        {
            ExperimentProgram.Run(settings, plan.Experiment, run.Path, plan.Threads, cancellation);
            metrics = MetricsFile.Read(Path.Combine(run.Path, RunFiles.Metrics), plan.Experiment);
        }
        catch (ReproException e)
        {
            error = new ErrorRecord(e.Code, e.Message);
            settings.Log.Error(e.Code, e.Message);
        }

        var metricsPath = Path.Combine(run.Path, RunFiles.Metrics);
        var record = new RunRecord
        {
            RunId = run.Id,
            Experiment = plan.Experiment,
            Status = error is null ? RunStatus.Completed : RunStatus.Failed,
            Seed = plan.Seed,
            TestSize = plan.TestSize,
            Params = plan.Params,
            Overrides = plan.Overrides,
            Metrics = metrics,
            Git = new GitRecord(settings.Git.Commit, settings.Git.Dirty, settings.Git.Branch, settings.Git.UnknownReason),
            LockFile = _inputs.LockFile,
            Data = data,
            Artifacts = FileFingerprint.Of(run.Path, ArtifactFolders(run.Path)),
            Program = _inputs.Program,
            Environment = EnvironmentProbe.Read(settings.SdkVersion, RecordJson.ReadRuntimeStamp(Path.Combine(run.Path, RunFiles.Runtime))),
            Files = new RecordFiles(FileHash.Sha256(configPath), File.Exists(metricsPath) ? FileHash.Sha256(metricsPath) : null),
            StartedAt = startedAt,
            DurationMs = clock.ElapsedMilliseconds,
            Command = ReproduceCommand.For(plan, settings.ProjectFile),
            Error = error,
            Tolerance = plan.Tolerance.ToString(),
        };
        record = annotate?.Invoke(record, run.Path) ?? record;

        RecordJson.WriteRecord(Path.Combine(run.Path, RunFiles.Run), record);
        File.WriteAllText(Path.Combine(run.Path, RunFiles.Report), RunReport.Render(record, ReproduceCommand.ForReproduce(settings.ProjectFile, "-p:RunId=" + run.Id)));
        return new RunOutcome(record, settings.Store.Complete(run));
    }

    private IReadOnlyList<FileFingerprint> DataFingerprints(IReadOnlyList<string> data)
    {
        var key = string.Join(";", data);
        if (!_dataFingerprints.TryGetValue(key, out var fingerprints))
        {
            fingerprints = FileFingerprint.Of(settings.ProjectDirectory, data);
            _dataFingerprints[key] = fingerprints;
        }

        return fingerprints;
    }

    private static string[] ArtifactFolders(string runFolder) =>
        Directory.Exists(Path.Combine(runFolder, RunFiles.ArtifactsFolder)) ? [RunFiles.ArtifactsFolder] : [];
}
