using System.Text.Json.Serialization;
using Repro.Records;

namespace Repro.Registry;

[JsonSerializable(typeof(ModelVersion))]
[JsonSerializable(typeof(ModelAlias))]
internal sealed partial class RegistryJsonContext : JsonSerializerContext;

/// <summary>Registry files: Repro's JSON with a final newline, small enough to review in a diff.</summary>
internal static class RegistryJson
{
    public static readonly RegistryJsonContext Context = new(RecordJson.Options());

    public static byte[] Serialize(ModelVersion version) => RecordJson.Bytes(version, Context.ModelVersion);

    public static byte[] Serialize(ModelAlias alias) => RecordJson.Bytes(alias, Context.ModelAlias);
}
