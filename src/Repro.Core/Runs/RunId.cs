using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Repro.Runs;

/// <summary>
/// A run's name: UTC start time to the millisecond, so ids sort by time, then six random hex digits, so runs
/// started in the same millisecond by parallel builds still differ. Example: 20261122-051500-123-3f9a1c.
/// </summary>
public static partial class RunId
{
    public static string New(DateTimeOffset startedAt)
    {
        Span<byte> random = stackalloc byte[3];
        RandomNumberGenerator.Fill(random);
        return startedAt.UtcDateTime.ToString("yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture) + "-" +
            Convert.ToHexString(random).ToLowerInvariant();
    }

    /// <summary>Only this exact shape is a run id: nothing that could name another folder.</summary>
    public static bool IsValid(string? text) => text is not null && Pattern().IsMatch(text);

    [GeneratedRegex(@"^\d{8}-\d{6}-\d{3}-[0-9a-f]{6}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
