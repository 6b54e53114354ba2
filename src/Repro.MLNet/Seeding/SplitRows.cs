using Microsoft.ML;

namespace Repro.MLNet;

/// <summary>Which rows an ML.NET split held out, by their contents: what <see cref="SplitFingerprint"/> records.</summary>
internal static class SplitRows
{
    /// <summary>
    /// The test rows as ML.NET writes them as text (every column, invariant), a fingerprint per line; the train rows
    /// counted with a cursor that reads no column.
    /// </summary>
    public static SplitFingerprint Fingerprint(DataOperationsCatalog.TrainTestData split)
    {
        // A context of its own: every component a context makes draws from its random, and the run's trainers
        // that have no seed (SDCA's shuffle) draw from the run's context next, so recording must leave it untouched.
        var side = new MLContext(seed: 0);
        using var text = new MemoryStream();
        side.Data.SaveAsText(split.TestSet, text, separatorChar: '\t', headerRow: false, schema: false);
        var fingerprints = new List<ulong>();
        var bytes = text.GetBuffer().AsSpan(0, (int)text.Length);
        while (!bytes.IsEmpty)
        {
            var end = bytes.IndexOf((byte)'\n');
            var line = end < 0 ? bytes : bytes[..end];
            if (!line.IsEmpty)
            {
                fingerprints.Add(SplitFingerprint.Fingerprint(line.TrimEnd((byte)'\r')));
            }

            bytes = end < 0 ? [] : bytes[(end + 1)..];
        }

        long train = 0;
        using (var cursor = split.TrainSet.GetRowCursor([]))
        {
            while (cursor.MoveNext())
            {
                train++;
            }
        }

        return SplitFingerprint.Of(train, fingerprints);
    }
}
