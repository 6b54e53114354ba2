using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Repro.Runs;

/// <summary>
/// The process that is writing a run, stamped into its unfinished folder (<c>owner.json</c>) when the folder is made.
/// Once that process is gone the folder will never be finished: the run was interrupted. A process id alone could be
/// reused by another process, so its start time is recorded with it.
/// </summary>
public sealed record RunOwner(int ProcessId, DateTimeOffset ProcessStartedAt, string Machine)
{
    public const string FileName = "owner.json";

    // Start times are derived from the boot time and clock ticks; two readings of one process may differ by a tick.
    private static readonly TimeSpan StartTimeSlack = TimeSpan.FromSeconds(2);

    private static readonly Lazy<RunOwner> CurrentProcess = new(() =>
    {
        using var self = Process.GetCurrentProcess();
        return new RunOwner(self.Id, self.StartTime.ToUniversalTime(), Environment.MachineName);
    });

    public static RunOwner Current => CurrentProcess.Value;

    /// <summary>Whether the owner is on this machine; another machine's processes cannot be seen from here.</summary>
    public bool IsLocal => string.Equals(Machine, Environment.MachineName, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the owning process still runs on this machine (a reused process id has another start time).</summary>
    public bool IsAlive()
    {
        try
        {
            using var process = Process.GetProcessById(ProcessId);
            return !process.HasExited && !IsZombie(ProcessId) && (process.StartTime.ToUniversalTime() - ProcessStartedAt).Duration() <= StartTimeSlack;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            return false;
        }
    }

    /// <summary>
    /// A killed process whose parent has not reaped it yet (a container's init may never do) still has an id, but runs
    /// nothing: Linux says so in field 3 of /proc/&lt;pid&gt;/stat, after the name in parentheses.
    /// </summary>
    private static bool IsZombie(int processId)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{processId}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..] is ['Z' or 'X', ..];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    /// <summary>Claims a folder: creates its owner file, failing when the file exists (another process claimed it first).</summary>
    /// <exception cref="IOException">When the folder is already claimed or cannot be written.</exception>
    internal void Claim(string folder)
    {
        using var file = new FileStream(Path.Combine(folder, FileName), FileMode.CreateNew, FileAccess.Write, FileShare.Read);
        file.Write(JsonSerializer.SerializeToUtf8Bytes(this, OwnerJson.Default.RunOwner));
    }

    /// <summary>The owner of an unfinished folder, or null when its file is missing or unreadable (a build killed as it made it).</summary>
    public static RunOwner? Read(string folder)
    {
        try
        {
            var path = Path.Combine(folder, FileName);
            return File.Exists(path) ? JsonSerializer.Deserialize(File.ReadAllBytes(path), OwnerJson.Default.RunOwner) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(RunOwner))]
internal sealed partial class OwnerJson : JsonSerializerContext;
