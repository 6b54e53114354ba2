using System.Text.Json;
using System.Text.Json.Serialization;

namespace Repro;

/// <summary>
/// Which rows a program held out for testing, as <c>split.json</c> holds it and run.json's <c>split</c> copies it: the
/// counts, and a SHA-256 of the test rows' contents in sorted order, so the same rows in another file order give the
/// same fingerprint and another choice of rows (a changed splitter, a reordered file under the same seed) another one.
/// </summary>
/// <param name="TrainRows">Rows the model was fitted on.</param>
/// <param name="TestRows">Rows held out.</param>
/// <param name="TestRowsSha256">SHA-256 of the sorted 64-bit fingerprints of the test rows, lowercase hex.</param>
public sealed record SplitFingerprint(long TrainRows, long TestRows, string TestRowsSha256)
{
    /// <summary>The split of <paramref name="testRowFingerprints"/>, a 64-bit fingerprint per test row in any order.</summary>
    public static SplitFingerprint Of(long trainRows, IEnumerable<ulong> testRowFingerprints)
    {
        ArgumentNullException.ThrowIfNull(testRowFingerprints);
        var sorted = testRowFingerprints.Order().ToArray();
        var bytes = new byte[sorted.Length * sizeof(ulong)];
        for (var i = 0; i < sorted.Length; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(i * sizeof(ulong)), sorted[i]);
        }

        return new SplitFingerprint(trainRows, sorted.Length, Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes)).ToLowerInvariant());
    }

    /// <summary>FNV-1a over a row's bytes: a fingerprint any library can compute alike for the rows it holds.</summary>
    public static ulong Fingerprint(ReadOnlySpan<byte> row)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in row)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }

    internal static SplitFingerprint? Read(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize(File.ReadAllBytes(path), SplitJson.Default.SplitFingerprint) : null;
        }
        catch (JsonException)
        {
            return null; // a garbled file leaves the record without a split, as a garbled runtime.json leaves it without a stamp
        }
    }
}

public sealed partial class ExperimentRun
{
    /// <summary>
    /// Records which rows went to test (<c>split.json</c>), so Reproduce and Compare name a split that changed under the
    /// same data and seed. Repro.MLNet's <c>run.TrainTestSplit</c> calls it; a program on Repro.Learn passes <c>split.Fingerprint()</c>.
    /// </summary>
    public void RecordSplit(SplitFingerprint split)
    {
        ArgumentNullException.ThrowIfNull(split);
        WriteJson(RunFiles.Split, split, SplitJson.Default.SplitFingerprint);
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(SplitFingerprint))]
internal sealed partial class SplitJson : JsonSerializerContext;
