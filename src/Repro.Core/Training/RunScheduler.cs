using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Repro.Diagnostics;
using Repro.Records;

namespace Repro.Training;

/// <summary>What the scheduler did with each run it was given, in the order given.</summary>
/// <param name="Outcomes">The run made, or null where it was not (not started, or not recorded).</param>
/// <param name="NotRecorded">Runs that failed before a record could be written, or null.</param>
public sealed record ScheduledRuns(IReadOnlyList<RunOutcome?> Outcomes, IReadOnlyList<RunFailure?> NotRecorded)
{
    public int NotStarted => Outcomes.Zip(NotRecorded).Count(p => p.First is null && p.Second is null);
}

/// <summary>
/// Starts prepared runs in the order given, up to a number at once (each is its own process with its own seed, so how
/// many run at once never changes a result). It starts no run once the build is cancelled, nor, when told to stop at
/// the first failure, once one has failed; a run that cannot be recorded is a failure of that run alone.
/// </summary>
public sealed class RunScheduler(IRunLog log, int maxParallelRuns = 1, bool stopOnFirstFailure = false)
{
    /// <param name="make">Makes the run at an index of <paramref name="runs"/>; called from several threads at once when more than one run may run at once.</param>
    public ScheduledRuns Run(IReadOnlyList<PreparedRun> runs, Func<int, RunOutcome> make, CancellationToken cancellation)
    {
        var outcomes = new RunOutcome?[runs.Count];
        var notRecorded = new RunFailure?[runs.Count];
        var failed = 0;
        void RunAt(int i)
        {
            if (cancellation.IsCancellationRequested || (stopOnFirstFailure && Volatile.Read(ref failed) > 0))
            {
                return;
            }

            try
            {
                outcomes[i] = make(i);
                if (outcomes[i]!.Record.Status != RunStatus.Completed)
                {
                    Interlocked.Increment(ref failed);
                }
            }
            catch (ReproException e)
            {
                // No record could be written: the failure is still this run's alone.
                log.Error(e.Code, e.Message);
                notRecorded[i] = new RunFailure(runs[i].Experiment, runs[i].Member, e.Code, e.Message);
                Interlocked.Increment(ref failed);
            }
        }

        if (maxParallelRuns <= 1 || runs.Count <= 1)
        {
            for (var i = 0; i < runs.Count; i++)
            {
                RunAt(i);
            }
        }
        else
        {
            try
            {
                // One run per worker at a time, taken in the order given.
                Parallel.ForEach(Partitioner.Create(Enumerable.Range(0, runs.Count), EnumerablePartitionerOptions.NoBuffering),
                    new ParallelOptions { MaxDegreeOfParallelism = maxParallelRuns }, RunAt);
            }
            catch (AggregateException e) when (e.InnerExceptions[0] is ReproException first)
            {
                ExceptionDispatchInfo.Throw(first);
            }
        }

        return new ScheduledRuns(outcomes, notRecorded);
    }
}
