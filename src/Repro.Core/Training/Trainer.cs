using Repro.Probes;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Repro.Diagnostics;
using Repro.Experiments;
using Repro.Fingerprints;
using Repro.Groups;
using Repro.Plots;
using Repro.Records;
using Repro.Runs;
using Repro.Sharding;
using Repro.SourceControl;
using Repro.Threads;

namespace Repro.Training;

/// <summary>A finished run: its record and its final folder.</summary>
/// <param name="UpToDate">Nothing ran: a completed run on record has the same cache key, and this is it.</param>
public sealed record RunOutcome(RunRecord Record, string Folder, bool UpToDate = false)
{
    /// <summary>For a group's member: its seed and grid point, as the summary names it ("seed 2 Trees=50").</summary>
    public string? Member { get; init; }
}

/// <summary>What a Train made: every run in plan order, and the groups its plans formed.</summary>
public sealed record TrainResult(IReadOnlyList<RunOutcome> Runs, IReadOnlyList<GroupOutcome> Groups)
{
    /// <summary>Runs that failed before a record could be written (the run store could not be written), in plan order.</summary>
    public IReadOnlyList<RunFailure> NotRecorded { get; init; } = [];

    /// <summary>Plans never started: the build was cancelled, or stopped at the first failure.</summary>
    public int NotStarted { get; init; }

    /// <summary>With -p:Shard, the groups whose other members other shards train: recorded once they all meet (-t:Pull).</summary>
    public IReadOnlyList<PendingGroup> Pending { get; init; } = [];
}

/// <param name="Here">The members this shard trained or found up to date.</param>
/// <param name="Planned">Every member the group plans, over all shards.</param>
public sealed record PendingGroup(string GroupId, string Experiment, int Here, int Planned);

/// <summary>A run that failed with no record to show for it: its experiment, member and the error.</summary>
public sealed record RunFailure(string Experiment, string? Member, string Code, string Message);

/// <summary>
/// Makes runs: for each plan, a run folder with the config, the program's metrics and artifacts, the manifest
/// and a report. A failed run is kept, marked failed, and later plans still run (unless told to stop at the first
/// failure): one experiment's failure, a crash or a disk that refuses a file, is that experiment's. A cancelled run is
/// kept too, marked cancelled, with what it had logged; no later plan starts.
/// </summary>
public sealed class Trainer(TrainSettings settings)
{
    private readonly TrainSettings settings = settings with { Log = SynchronizedRunLog.Wrap(settings.Log) };
    private readonly Dictionary<string, IReadOnlyList<FileFingerprint>> _dataFingerprints = new(StringComparer.Ordinal);
    private BuildInputs? _inputs;
    private HashCache? _hashes;
    private string? _runtime;

    /// <summary>
    /// Makes a run of every plan whose inputs no completed run on record has, unless <paramref name="force"/>, up to
    /// <paramref name="maxParallelRuns"/> at once, then records each group the plans form. Each run is its own process
    /// with its own seed, so how many run at once never changes a result.
    /// </summary>
    /// <param name="stopOnFirstFailure">Start no further run once one has failed (-p:StopOnFirstFailure=true).</param>
    /// <param name="shard">-p:Shard: make only this slice of <paramref name="plans"/>; its groups get ids every shard derives alike,
    /// and its runs carry their group's plan, so each group is recorded where all its members meet.</param>
    public TrainResult Train(IReadOnlyList<RunPlan> plans, CancellationToken cancellation = default, bool force = false, int maxParallelRuns = 1,
        bool stopOnFirstFailure = false, Shard? shard = null)
    {
        var planned = plans;
        if (shard is not null)
        {
            plans = shard.Select(planned);
            settings.Log.Progress(shard.Describe(plans.Count, planned.Count));
        }

        _inputs ??= BuildInputs.Read(settings);
        var startedAt = DateTimeOffset.UtcNow;
        // Every key is made before any run starts: the hash cache and the runtime probe are then only read in parallel.
        var keys = plans.Select(Key).ToArray();
        var answers = force ? null : RunCache.Find(settings.Store, keys, settings.Log);
        // Each experiment's runs share one GroupPlan instance; the group's id is known before its first run is written.
        // Ids of one millisecond differ only by six random hex digits, so two groups of one build must not draw the same.
        var groupIds = new HashSet<string>(StringComparer.Ordinal);
        var groupStore = new GroupStore(settings.Store);
        string NewGroupId()
        {
            string id;
            do
            {
                id = RunId.New(startedAt);
            }
            while (!groupIds.Add(id) || groupStore.Exists(id));
            return id;
        }

        var committedAt = shard is null ? null : GitProbe.CommitTime(settings.Git);
        var groups = plans.Select(p => p.Group).OfType<GroupPlan>().Distinct().ToDictionary(g => g, g => shard is null
            ? NewGroupId()
            : ShardedGroupId.For(g, planned.Where(p => p.Group == g), shard.Count, settings.Git, committedAt));
        ShardedGroupPlan? Sharded(GroupPlan? group) => shard is null || group is null ? null : ShardedGroupPlan.Of(group, shard);
        var outcomes = new RunOutcome?[plans.Count];
        var pending = new List<int>();
        for (var i = 0; i < plans.Count; i++)
        {
            if (answers?[i] is { Hit: { } hit, HitFolder: { } folder })
            {
                settings.Log.Progress($"up to date: {plans[i].Experiment}{Member(plans[i])} (run {hit.RunId})");
                outcomes[i] = new RunOutcome(hit, folder, UpToDate: true) { Member = MemberLabel(plans[i]) };
                if (Sharded(plans[i].Group) is { } sharded)
                {
                    NoteMember(hit, folder, groups[plans[i].Group!], sharded);
                }
            }
            else
            {
                pending.Add(i);
            }
        }

        var started = 0;
        var failed = 0;
        var notRecorded = new RunFailure?[plans.Count];
        void TrainAt(int i)
        {
            if (cancellation.IsCancellationRequested || (stopOnFirstFailure && Volatile.Read(ref failed) > 0))
            {
                return;
            }

            var plan = plans[i];
            var position = plans.Count > 1 ? $"[{Interlocked.Increment(ref started) + plans.Count - pending.Count}/{plans.Count}] " : "";
            settings.Log.Progress($"{position}Training {plan.Experiment} with seed {plan.Seed}{Point(plan)}…{Changes(plan, answers?[i]?.Latest)}");
            var group = plan.Group is { } g ? groups[g] : null;
            try
            {
                outcomes[i] = TrainOne(plan, cancellation, group is null ? null : (record, _) => record with { Group = group, GroupPlan = Sharded(plan.Group) })
                    with { Member = MemberLabel(plan) };
                if (outcomes[i]!.Record.Status != RunStatus.Completed)
                {
                    Interlocked.Increment(ref failed);
                }
            }
            catch (ReproException e)
            {
                // No record could be written: the failure is still this run's alone.
                settings.Log.Error(e.Code, e.Message);
                notRecorded[i] = new RunFailure(plan.Experiment, MemberLabel(plan), e.Code, e.Message);
                Interlocked.Increment(ref failed);
            }
        }

        if (maxParallelRuns <= 1 || pending.Count <= 1)
        {
            pending.ForEach(TrainAt);
        }
        else
        {
            try
            {
                // One run per worker at a time, taken in plan order.
                Parallel.ForEach(Partitioner.Create(pending, EnumerablePartitionerOptions.NoBuffering),
                    new ParallelOptions { MaxDegreeOfParallelism = maxParallelRuns }, TrainAt);
            }
            catch (AggregateException e) when (e.InnerExceptions[0] is ReproException first)
            {
                ExceptionDispatchInfo.Throw(first);
            }
        }

        var runs = outcomes.OfType<RunOutcome>().ToArray();
        var failures = notRecorded.OfType<RunFailure>().ToArray();
        var notStarted = plans.Count - runs.Length - failures.Length;
        if (cancellation.IsCancellationRequested || notStarted > 0)
        {
            // A group is recorded only when every member ran.
            return new TrainResult(runs, []) { NotRecorded = failures, NotStarted = notStarted };
        }

        // A member that could not be recorded is left out of its group, and a group with none is not recorded.
        var members = groups
            .Select(g => (g, members: plans.Select((plan, i) => (plan, outcome: outcomes[i])).Where(p => p.plan.Group == g.Key && p.outcome is not null)
                .Select(p => (p.plan, p.outcome!)).ToArray()))
            .Where(g => g.members.Length > 0)
            .ToArray();
        if (shard is null)
        {
            return new TrainResult(runs, members.Select(g => GroupRecorder.Record(settings, g.g.Key, g.g.Value, startedAt, g.members)).ToArray()) { NotRecorded = failures };
        }

        // A shard records a group only when it holds every member; the others are recorded where all members meet.
        var whole = members.Where(g => g.members.Length == planned.Count(p => p.Group == g.g.Key)).ToArray();
        return new TrainResult(runs, whole.Select(g => GroupRecorder.RecordDerived(settings, g.g.Key, g.g.Value, startedAt, g.members)).OfType<GroupOutcome>().ToArray())
        {
            NotRecorded = failures,
            Pending = members.Except(whole).Select(g => new PendingGroup(g.g.Value, g.g.Key.Experiment, g.members.Length, planned.Count(p => p.Group == g.g.Key))).ToArray(),
        };
    }

    /// <summary>An up-to-date member of a sharded group was trained in another group or none: a note in its folder says it belongs to this one.</summary>
    private static void NoteMember(RunRecord hit, string folder, string groupId, ShardedGroupPlan plan)
    {
        var path = Path.Combine(folder, GroupMemberNote.FileName(groupId));
        if (hit.Group == groupId || File.Exists(path))
        {
            return;
        }

        try
        {
            GroupMemberNotes.Write(path, new GroupMemberNote(groupId, hit.RunId, plan));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ReproException(ErrorCode.RunStoreUnwritable,
                $"run {hit.RunId} is a member of group {groupId}, but '{path}' cannot be written ({e.Message}): make the run store writable.", e);
        }
    }

    private static string? MemberLabel(RunPlan plan) => plan.Group is null ? null : $"seed {plan.Seed}{(plan.Point.Count == 0 ? "" : " " + ParamsOverride.Format(plan.Point))}";

    private static string Member(RunPlan plan) => plan.Group is null ? "" : $" seed {plan.Seed}{Point(plan)}";

    private static string Point(RunPlan plan) => plan.Point.Count == 0 ? "" : $" ({ParamsOverride.Format(plan.Point)})";

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
        var key = Key(plan);

        ErrorRecord? error = null;
        var metrics = new SortedDictionary<string, double>(StringComparer.Ordinal);
        try
        {
            ExperimentProgram.Run(settings, plan.Experiment, run.Path, plan.Threads, cancellation);
            metrics = MetricsFile.Read(Path.Combine(run.Path, RunFiles.Metrics), plan.Experiment);
            RunPlots.Write(run.Path, plan.Experiment);
        }
        catch (ReproException e) when (e.Code == ErrorCode.Cancelled)
        {
            // Kept as cancelled with what the program had logged before it was stopped.
            error = new ErrorRecord(e.Code, e.Message);
            metrics = LoggedSoFar(run.Path, plan.Experiment);
        }
        catch (ReproException e)
        {
            error = new ErrorRecord(e.Code, e.Message);
            settings.Log.Error(e.Code, e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A disk that refuses a file fails this run, which is recorded as failed if the disk allows.
            error = new ErrorRecord(ErrorCode.RunStoreUnwritable, $"experiment '{plan.Experiment}' could not write its run folder '{run.Path}': {e.Message}");
            settings.Log.Error(error.Code, error.Message);
        }

        var metricsPath = Path.Combine(run.Path, RunFiles.Metrics);
        var record = new RunRecord
        {
            RunId = run.Id,
            Experiment = plan.Experiment,
            Status = error is null ? RunStatus.Completed : error.Code == ErrorCode.Cancelled ? RunStatus.Cancelled : RunStatus.Failed,
            Seed = plan.Seed,
            TestSize = plan.TestSize,
            Params = plan.Params,
            Overrides = plan.Overrides,
            Metrics = metrics,
            Git = settings.Git.RecordIn(run.Path),
            LockFile = _inputs.LockFile,
            Data = data,
            Artifacts = FileFingerprint.Of(run.Path, ArtifactFolders(run.Path)),
            Program = _inputs.Program,
            Environment = EnvironmentProbe.Read(settings.SdkVersion, RecordJson.ReadRuntimeStamp(Path.Combine(run.Path, RunFiles.Runtime)), plan.Threads),
            Files = new RecordFiles(FileHash.Sha256(configPath), File.Exists(metricsPath) ? FileHash.Sha256(metricsPath) : null, HistoryHash(run.Path)),
            StartedAt = startedAt,
            DurationMs = clock.ElapsedMilliseconds,
            Command = ReproduceCommand.For(plan, settings.ProjectFile),
            Error = error,
            Tolerance = plan.Tolerance.ToString(),
            CacheKey = key.Sha256(),
            CacheInputs = key,
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

        return new RunOutcome(record, settings.Store.Complete(run));
    }

    /// <summary>The metrics a stopped program had logged (it rewrites metrics.json at each), or none when unreadable.</summary>
    private static SortedDictionary<string, double> LoggedSoFar(string runFolder, string experiment)
    {
        try
        {
            var path = Path.Combine(runFolder, RunFiles.Metrics);
            return File.Exists(path) ? MetricsFile.Read(path, experiment) : new SortedDictionary<string, double>(StringComparer.Ordinal);
        }
        catch (ReproException)
        {
            return new SortedDictionary<string, double>(StringComparer.Ordinal);
        }
    }

    /// <summary>The run's cache key, from what is known before it runs; the program inherits the build's environment.</summary>
    private RunCacheKey Key(RunPlan plan) => new()
    {
        Experiment = plan.Experiment,
        Seed = plan.Seed,
        TestSize = plan.TestSize,
        Params = plan.Params,
        DataPaths = plan.Data,
        Data = DataFingerprints(plan.Data),
        Program = _inputs!.Program.Sha256,
        LockFile = _inputs.LockFile?.Sha256,
        SdkVersion = settings.SdkVersion,
        Runtime = _runtime ??= ProgramRuntime.Describe(settings.ProgramPath, settings.DotnetHost),
        Os = EnvironmentProbe.Os,
        Architecture = EnvironmentProbe.Architecture,
        ProcessorCount = plan.Threads?.ProcessorCount ?? Environment.ProcessorCount,
        OmpNumThreads = plan.Threads is { } threads ? threads.OmpNumThreads : Environment.GetEnvironmentVariable(ThreadSettings.OmpNumThreadsVariable),
        Simd = EnvironmentProbe.Simd,
        CpuModel = CpuModel.Name,
        RuntimeSettings = RuntimeSettings.ForKey(plan.Threads),
    };

    private string Changes(RunPlan plan, RunRecord? latest)
    {
        if (latest?.CacheInputs is not { } earlier)
        {
            return "";
        }

        var changes = Key(plan).ChangesSince(earlier);
        return changes.Count == 0 ? "" : $" ({string.Join(", ", changes)} changed since run {latest.RunId})";
    }

    /// <summary>Hashes each data list once per build, through the hash cache when the build names one.</summary>
    private IReadOnlyList<FileFingerprint> DataFingerprints(IReadOnlyList<string> data)
    {
        var key = string.Join(";", data);
        if (!_dataFingerprints.TryGetValue(key, out var fingerprints))
        {
            if (settings.HashCacheFile is { } cacheFile)
            {
                _hashes ??= HashCache.Open(cacheFile, settings.Log);
            }

            fingerprints = FileFingerprint.Of(settings.ProjectDirectory, data, _hashes is null ? null : _hashes.Sha256);
            _hashes?.Save();
            _dataFingerprints[key] = fingerprints;
        }

        return fingerprints;
    }

    private static string[] ArtifactFolders(string runFolder) =>
        new[] { RunFiles.ArtifactsFolder, RunFiles.PlotsFolder }.Where(folder => Directory.Exists(Path.Combine(runFolder, folder))).ToArray();

    private static string? HistoryHash(string runFolder) =>
        File.Exists(Path.Combine(runFolder, RunFiles.History)) ? FileHash.Sha256(Path.Combine(runFolder, RunFiles.History)) : null;
}
