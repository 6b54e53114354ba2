using System.Text.Json;
using Repro.Records;

namespace Repro.Registry;

/// <summary>Registry files: Repro's JSON with a final newline, small enough to review in a diff.</summary>
internal static class RegistryJson
{
    public static byte[] Serialize(ModelVersion version) => [.. JsonSerializer.SerializeToUtf8Bytes(version, RecordJson.Context.ModelVersion), (byte)'\n'];

    public static byte[] Serialize(ModelAlias alias) => [.. JsonSerializer.SerializeToUtf8Bytes(alias, RecordJson.Context.ModelAlias), (byte)'\n'];
}
