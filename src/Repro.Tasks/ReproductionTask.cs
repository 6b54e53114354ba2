using Repro.Reproduction;
using Repro.Runs;
using Repro.Verbs;

namespace Repro.Tasks;

/// <summary>The inputs of -t:Reproduce, shared by the check before the build and the reproduction after it.</summary>
public abstract class ReproductionTask : SubjectTask
{
    // Opened once, when an exact reproduction first needs a recorded artifact that is not local; lives as long as the task.
    private Remotes.IRemoteStore? _remote;

    /// <summary>-p:Tolerance, replacing the recorded tolerances.</summary>
    public string? Tolerance { get; set; }

    /// <summary>-p:ReproExact</summary>
    public bool Exact { get; set; }

    /// <summary>-p:ReproduceAt: empty, or "commit".</summary>
    public string? ReproduceAt { get; set; }

    public string Configuration { get; set; } = "Debug";

    /// <summary>What this build asks: the run named by -p:RunId (none at all is REPRO0020), or by -p:Model=NAME@VERSION.</summary>
    private protected ReproduceRequest Request()
    {
        if (Version is null && !Runs.RunId.IsValid(RunId?.Trim()))
        {
            // A missing or malformed id: the same REPRO0020 as the lookup, naming Reproduce's other way to name a run.
            RunLookup.Find(Store, RunId, RunSelection.OrModelVersion);
        }

        var runId = Version is null ? RunId!.Trim() : SelectedRunId();
        return new ReproduceRequest(runId, string.IsNullOrWhiteSpace(Tolerance) ? null : Tolerance, Exact, ReproduceRequest.ParseAt(ReproduceAt), Configuration)
        {
            Fetch = Exact ? Fetch(_remote ??= OpenRemote()) : null,
        };
    }
}
