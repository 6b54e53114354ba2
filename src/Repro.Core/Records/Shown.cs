using System.Globalization;

namespace Repro.Records;

/// <summary>How numbers and digests read wherever Repro shows them to a person: tables, reports, messages.</summary>
public static class Shown
{
    /// <summary>A metric as tables show it: six significant digits.</summary>
    public static string Number(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>A SHA-256 or a commit by its first twelve digits, which tell them apart; "none" for none.</summary>
    public static string Digest(string? sha256) => sha256 is null ? "none" : sha256.Length > 12 ? sha256[..12] + "…" : sha256;
}
