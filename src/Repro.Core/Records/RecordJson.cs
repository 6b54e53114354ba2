using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Repro.Records;

[JsonSerializable(typeof(RunRecord))]
[JsonSerializable(typeof(RunConfig))]
[JsonSerializable(typeof(RuntimeStamp))]
[JsonSerializable(typeof(SortedDictionary<string, double>))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(Repro.Reproduction.Verdict))]
[JsonSerializable(typeof(Repro.Registry.ModelVersion))]
[JsonSerializable(typeof(Repro.Registry.ModelAlias))]
[JsonSerializable(typeof(Repro.Groups.GroupRecord))]
internal sealed partial class RecordJsonContext : JsonSerializerContext;

/// <summary>Reads and writes Repro's JSON files (runs and registry): indented, camelCase, UTF-8 without BOM.</summary>
public static class RecordJson
{
    // Paths and messages are shown to people: keep '+', quotes and non-ASCII readable instead of \u-escaped.
    internal static readonly RecordJsonContext Context = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public static void WriteRecord(string path, RunRecord record) => Write(path, record, Context.RunRecord);

    public static void WriteConfig(string path, RunConfig config) => Write(path, config, Context.RunConfig);

    public static RunConfig ReadConfig(string path) =>
        JsonSerializer.Deserialize(File.ReadAllBytes(path), Context.RunConfig) ?? throw new JsonException($"'{path}' holds null.");

    public static RunRecord ReadRecord(string path) =>
        JsonSerializer.Deserialize(File.ReadAllBytes(path), Context.RunRecord) ?? throw new JsonException($"'{path}' holds null.");

    /// <summary>The runtime the program reported, or null when it wrote none (it need not use Repro.Runtime) or garbage.</summary>
    public static RuntimeStamp? ReadRuntimeStamp(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize(File.ReadAllBytes(path), Context.RuntimeStamp) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void Write<T>(string path, T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(value, type);
        var temporary = path + ".tmp";
        using (var stream = File.Create(temporary))
        {
            stream.Write(bytes);
            stream.WriteByte((byte)'\n');
        }

        File.Move(temporary, path, overwrite: false);
    }
}
