using System.Text.Json;
using System.Text.Json.Serialization;

namespace Repro.Tool.Json;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never, UseStringEnumConverter = true)]
[JsonSerializable(typeof(RunsDocument))]
[JsonSerializable(typeof(DescribeDocument))]
[JsonSerializable(typeof(CompareDocument))]
[JsonSerializable(typeof(ModelsDocument))]
[JsonSerializable(typeof(VerifyDocument))]
[JsonSerializable(typeof(PruneDocument))]
[JsonSerializable(typeof(ReportDocument))]
internal sealed partial class ToolJsonContext : JsonSerializerContext;

/// <summary>--json's writer: camelCase as the records are, indented, through source-generated code (no reflection at start-up).</summary>
public static class ToolJson
{
    public static string Write(object document) => JsonSerializer.Serialize(document, document.GetType(), ToolJsonContext.Default);
}
