using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.ML;
using Microsoft.ML.Data;

/// <summary>SHA-256 over the bits of every score of the test set, row by row: equal only when the models agree exactly.</summary>
internal static class ScoreFingerprint
{
    public static string Of(IDataView scored)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var column = scored.Schema["Score"];
        Span<byte> bytes = stackalloc byte[4];
        using var cursor = scored.GetRowCursor([column]);
        if (column.Type is VectorDataViewType)
        {
            var getter = cursor.GetGetter<VBuffer<float>>(column);
            var value = default(VBuffer<float>);
            while (cursor.MoveNext())
            {
                getter(ref value);
                foreach (var score in value.DenseValues())
                {
                    BinaryPrimitives.WriteSingleLittleEndian(bytes, score);
                    hash.AppendData(bytes);
                }
            }
        }
        else
        {
            var getter = cursor.GetGetter<float>(column);
            var score = 0f;
            while (cursor.MoveNext())
            {
                getter(ref score);
                BinaryPrimitives.WriteSingleLittleEndian(bytes, score);
                hash.AppendData(bytes);
            }
        }

        return Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant()[..16];
    }
}
