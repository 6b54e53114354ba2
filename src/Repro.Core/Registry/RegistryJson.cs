using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Repro.Registry;

[JsonSerializable(typeof(ModelVersion))]
[JsonSerializable(typeof(ModelAlias))]
internal sealed partial class RegistryJsonContext : JsonSerializerContext;

/// <summary>Registry files: indented camelCase JSON with a final newline, small enough to review in a diff.</summary>
internal static class RegistryJson
{
    private static readonly RegistryJsonContext Context = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public static byte[] Serialize(ModelVersion version) => [.. JsonSerializer.SerializeToUtf8Bytes(version, Context.ModelVersion), (byte)'\n'];

    public static byte[] Serialize(ModelAlias alias) => [.. JsonSerializer.SerializeToUtf8Bytes(alias, Context.ModelAlias), (byte)'\n'];

    public static ModelVersion? ReadVersion(byte[] bytes) => JsonSerializer.Deserialize(bytes, Context.ModelVersion);

    public static ModelAlias? ReadAlias(byte[] bytes) => JsonSerializer.Deserialize(bytes, Context.ModelAlias);
}
