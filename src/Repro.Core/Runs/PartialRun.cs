namespace Repro.Runs;

/// <summary>What became of a run folder still under its temporary name.</summary>
public enum PartialState
{
    /// <summary>Its build is still writing it.</summary>
    InProgress,

    /// <summary>Its build is gone (killed, crashed, the machine restarted): it will never be finished.</summary>
    Interrupted,

    /// <summary>Made by a build on another machine (a shared folder), whose processes cannot be seen from here.</summary>
    OtherMachine,
}

/// <summary>A run folder still under its temporary name (<c>&lt;RunId&gt;.partial</c>), and whether its build is alive.</summary>
/// <param name="Holds">What the folder held when it was looked at: "holds config.json, output.log", "empty".</param>
public sealed record PartialRun(string RunId, string Folder, RunOwner? Owner, PartialState State, DateTime LastWriteUtc, string Holds)
{
    // A folder is claimed the instant it is made; a missing owner file on a younger folder may be one being claimed.
    private static readonly TimeSpan ClaimWindow = TimeSpan.FromSeconds(30);

    internal static PartialRun Inspect(string runId, string folder)
    {
        var owner = RunOwner.Read(folder);
        var lastWrite = Directory.GetLastWriteTimeUtc(folder);
        var state = owner switch
        {
            null => DateTime.UtcNow - lastWrite < ClaimWindow ? PartialState.InProgress : PartialState.Interrupted,
            { IsLocal: false } => PartialState.OtherMachine,
            _ => owner.IsAlive() ? PartialState.InProgress : PartialState.Interrupted,
        };
        return new PartialRun(runId, folder, owner, state, lastWrite, Contents(folder));
    }

    private static string Contents(string folder)
    {
        try
        {
            var files = Directory.GetFileSystemEntries(folder).Select(Path.GetFileName).OfType<string>()
                .Where(name => name != RunOwner.FileName).Order(StringComparer.Ordinal).ToArray();
            return files.Length == 0 ? "empty" : "holds " + string.Join(", ", files);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "unreadable";
        }
    }

    /// <summary>"build process 4242, started 2026-11-23 10:15:00Z" or what is known of it.</summary>
    public string OwnerText => Owner is null
        ? "its build left no owner record"
        : $"build process {Owner.ProcessId} on {Owner.Machine}, started {Owner.ProcessStartedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z";
}
