using System.Runtime.InteropServices;
using System.Text;

namespace Repro.Learn;

/// <summary>A training set and the test set held out from it.</summary>
/// <param name="Train">Rows to fit on.</param>
/// <param name="Test">Rows to evaluate on.</param>
/// <param name="TestRows">Indices, into the original data set, of the test rows (ascending unless given otherwise).</param>
public sealed record TrainTestSplit(Dataset Train, Dataset Test, IReadOnlyList<int> TestRows)
{
    /// <summary>
    /// A 64-bit fingerprint (FNV-1a) of each test row's contents, its features' bits and its class name: which rows were
    /// held out, by what they hold rather than where they stood, for <c>run.RecordSplit(SplitFingerprint.Of(…))</c>.
    /// </summary>
    public IEnumerable<ulong> TestRowFingerprints()
    {
        for (var row = 0; row < Test.Rows; row++)
        {
            var hash = Fnv(14695981039346656037UL, MemoryMarshal.AsBytes(Test.Row(row)));
            yield return Fnv(hash, Encoding.UTF8.GetBytes(Test.Classes[Test.Labels[row]]));
        }
    }

    private static ulong Fnv(ulong hash, ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }
}
