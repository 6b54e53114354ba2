using Repro.Diagnostics;

namespace Repro.Remotes;

/// <summary>What Push and Pull share as verbs: a transfer stopped by Ctrl+C is REPRO0016, and leaves nothing half-moved.</summary>
internal static class Transfers
{
    public static T Run<T>(string verb, Func<Task<T>> transfer, CancellationToken cancellation)
    {
        try
        {
            return transfer().GetAwaiter().GetResult();
        }
        catch (OperationCanceledException e) when (cancellation.IsCancellationRequested)
        {
            throw new ReproException(ErrorCode.Cancelled,
                $"{verb} was cancelled. Nothing half-moved is visible: a {verb} again moves only what is still missing.", e);
        }
    }
}
