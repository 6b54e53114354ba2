using System.Diagnostics;
using Repro.Diagnostics;
using Repro.Fingerprints;
using Repro.Plots;
using Repro.Probes;
using Repro.Records;

namespace Repro.Training;

/// <summary>
/// Makes one prepared run: its folder with the config, the program's metrics and artifacts, the record and a report.
/// A run that fails is kept, marked failed; one that is cancelled is kept, marked cancelled, with what it had logged.
/// Only a run folder that cannot be written at all is an exception.
/// </summary>
public sealed class RunMaker(TrainSettings settings, BuildInputs inputs)
{
    /// <param name="annotate">Adds to the record before it is written, as a reproduction adds its verdict; gets the run folder too.</param>
    public RunOutcome Make(PreparedRun prepared, CancellationToken cancellation, Func<RunRecord, string, RunRecord>? annotate = null)
    {
        var plan = prepared.Plan;
        var startedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var phases = new PhaseClock();
        var run = settings.Store.Begin(startedAt);
        var configPath = Path.Combine(run.Path, RunFiles.Config);
        RecordJson.WriteConfig(configPath, new RunConfig
        {
            RunId = run.Id,
            Experiment = plan.Experiment,
            Seed = plan.Seed,
            TestSize = plan.TestSize,
            Params = plan.Params,
            Data = plan.Data,
            Overrides = plan.Overrides,
            ProcessorCount = plan.Threads?.ProcessorCount,
        });

        var startMs = phases.Lap();
        var (metrics, error, programMs) = RunProgram(plan.Experiment, run.Path, prepared, cancellation, phases);
        var plotsMs = phases.Lap();
        var metricsPath = Path.Combine(run.Path, RunFiles.Metrics);
        var shape = RecordJson.ReadModelShape(Path.Combine(run.Path, RunFiles.ModelShape));
        var split = SplitFingerprint.Read(Path.Combine(run.Path, RunFiles.Split));
        var artifacts = FileFingerprint.Of(run.Path, ArtifactFolders(run.Path));
        var files = new RecordFiles(FileHash.Sha256(configPath), File.Exists(metricsPath) ? FileHash.Sha256(metricsPath) : null, HistoryHash(run.Path));
        var hashingMs = phases.Lap();
        var environment = EnvironmentProbe.Read(settings.SdkVersion, RecordJson.ReadRuntimeStamp(Path.Combine(run.Path, RunFiles.Runtime)), plan.Threads);
        var timings = new RunTimings(startMs, programMs, plotsMs, hashingMs, phases.Lap());
        var record = new RunRecord
        {
            RunId = run.Id,
            Experiment = plan.Experiment,
            Group = prepared.GroupId,
            GroupPlan = prepared.GroupPlan,
            Status = error is null ? RunStatus.Completed : error.Code == ErrorCode.Cancelled ? RunStatus.Cancelled : RunStatus.Failed,
            Seed = plan.Seed,
            TestSize = plan.TestSize,
            Params = plan.Params,
            Overrides = plan.Overrides,
            Metrics = metrics,
            Git = settings.Git.RecordIn(run.Path),
            LockFile = inputs.LockFile,
            Data = prepared.Data,
            Profiles = prepared.Profiles.Count == 0 ? null : prepared.Profiles,
            Split = split,
            Artifacts = artifacts,
            Program = inputs.Program,
            Environment = environment,
            Files = files,
            StartedAt = startedAt,
            DurationMs = clock.ElapsedMilliseconds,
            Timings = timings,
            Command = ReproduceCommand.For(plan, settings.ProjectFile),
            Error = error,
            Tolerance = plan.Tolerance.ToString(),
            CacheKey = prepared.CacheKey,
            CacheInputs = prepared.Key,
            Trainers = ModelShapes.Trainers(shape),
            Pipelines = ModelShapes.Pipelines(shape),
        };
        record = annotate?.Invoke(record, run.Path) ?? record;

        try
        {
            RecordJson.WriteRecord(Path.Combine(run.Path, RunFiles.Run), record);
            File.WriteAllText(Path.Combine(run.Path, RunFiles.Report), RunReport.Render(record, ReproduceCommand.ForReproduce(settings.ProjectFile, "-p:RunId=" + run.Id)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ReproException(ErrorCode.RunStoreUnwritable,
                $"run {run.Id} of experiment '{plan.Experiment}' could not be recorded ({e.Message}): it stays unfinished in '{run.Path}', " +
                "listed by -t:Runs as interrupted once this build ends.", e);
        }

        var folder = settings.Store.Complete(run);
        settings.Log.Detail($"run {run.Id}: {timings}; its record written in {phases.Lap()} ms");
        return new RunOutcome(record, folder) { Member = prepared.Member };
    }

    /// <summary>Runs the program, then reads its metrics and draws its series; a failure is the run's, recorded with it.</summary>
    /// <returns>The program's time apart: what follows it (metrics, plots) is Repro's.</returns>
    private (SortedDictionary<string, double> Metrics, ErrorRecord? Error, long ProgramMs) RunProgram(
        string experiment, string runFolder, PreparedRun prepared, CancellationToken cancellation, PhaseClock phases)
    {
        long? programMs = null;
        try
        {
            ExperimentProgram.Run(settings, experiment, runFolder, prepared.Plan.Threads, cancellation);
            programMs = phases.Lap();
            var metrics = MetricsFile.Read(Path.Combine(runFolder, RunFiles.Metrics), experiment);
            RunPlots.Write(runFolder, experiment);
            return (metrics, null, programMs.Value);
        }
        catch (ReproException e) when (e.Code == ErrorCode.Cancelled)
        {
            // Kept as cancelled with what the program had logged before it was stopped.
            return (LoggedSoFar(runFolder, experiment), new ErrorRecord(e.Code, e.Message), programMs ?? phases.Lap());
        }
        catch (ReproException e)
        {
            settings.Log.Error(e.Code, e.Message);
            return (Empty(), new ErrorRecord(e.Code, e.Message), programMs ?? phases.Lap());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A disk that refuses a file fails this run, which is recorded as failed if the disk allows.
            var error = new ErrorRecord(ErrorCode.RunStoreUnwritable, $"experiment '{experiment}' could not write its run folder '{runFolder}': {e.Message}");
            settings.Log.Error(error.Code, error.Message);
            return (Empty(), error, programMs ?? phases.Lap());
        }
    }

    /// <summary>The metrics a stopped program had logged (it rewrites metrics.json at each), or none when unreadable.</summary>
    private static SortedDictionary<string, double> LoggedSoFar(string runFolder, string experiment)
    {
        try
        {
            var path = Path.Combine(runFolder, RunFiles.Metrics);
            return File.Exists(path) ? MetricsFile.Read(path, experiment) : Empty();
        }
        catch (ReproException)
        {
            return Empty();
        }
    }

    private static SortedDictionary<string, double> Empty() => new(StringComparer.Ordinal);

    private static string[] ArtifactFolders(string runFolder) =>
        new[] { RunFiles.ArtifactsFolder, RunFiles.PlotsFolder }.Where(folder => Directory.Exists(Path.Combine(runFolder, folder))).ToArray();

    private static string? HistoryHash(string runFolder) =>
        File.Exists(Path.Combine(runFolder, RunFiles.History)) ? FileHash.Sha256(Path.Combine(runFolder, RunFiles.History)) : null;
}
