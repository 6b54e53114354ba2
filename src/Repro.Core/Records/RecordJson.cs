using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Repro.Diagnostics;

namespace Repro.Records;

[JsonSerializable(typeof(RunRecord))]
[JsonSerializable(typeof(RunConfig))]
[JsonSerializable(typeof(RuntimeStamp))]
[JsonSerializable(typeof(ModelShape))]
[JsonSerializable(typeof(SortedDictionary<string, double>))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class RecordJsonContext : JsonSerializerContext;

/// <summary>
/// Reads and writes a run's JSON files, and gives every other record (a group's, the registry's, a remote manifest) the
/// same form: indented, camelCase, UTF-8 without BOM, read strictly. Each of those has a serializer context of its own,
/// beside its type.
/// </summary>
public static class RecordJson
{
    internal static readonly RecordJsonContext Context = new(Options());

    /// <summary>A fresh copy of the options every record is written with (a context takes its own copy).</summary>
    internal static JsonSerializerOptions Options() => new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        // Paths and messages are shown to people: keep '+', quotes and non-ASCII readable instead of \u-escaped.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void WriteRecord(string path, RunRecord record) => Write(path, record, Context.RunRecord);

    public static void WriteConfig(string path, RunConfig config) => Write(path, config, Context.RunConfig);

    /// <exception cref="ReproException">REPRO0022 when config.json is not a config, read strictly (see <see cref="StrictJson"/>).</exception>
    public static RunConfig ReadConfig(string path) => Read(path, Context.RunConfig);

    /// <exception cref="ReproException">REPRO0022 when run.json is not a record, read strictly (see <see cref="StrictJson"/>).</exception>
    public static RunRecord ReadRecord(string path) => Read(path, Context.RunRecord);

    /// <summary>The runtime the program reported, or null when it wrote none (it need not use Repro.Runtime) or garbage.</summary>
    public static RuntimeStamp? ReadRuntimeStamp(string path)
    {
        try
        {
            return File.Exists(path) ? StrictJson.Read(path, Context.RuntimeStamp) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// What the program said its models are made of, or null when it recorded nothing (or wrote garbage, which, like a
    /// garbled runtime.json, leaves the record without it rather than failing a run that trained).
    /// </summary>
    public static ModelShape? ReadModelShape(string path)
    {
        try
        {
            return File.Exists(path) ? StrictJson.Read(path, Context.ModelShape) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The value as written to a file: its JSON and a final newline, small enough to review in a diff.</summary>
    internal static byte[] Bytes<T>(T value, JsonTypeInfo<T> type) => [.. JsonSerializer.SerializeToUtf8Bytes(value, type), (byte)'\n'];

    /// <exception cref="ReproException">REPRO0022 when the file is not a <typeparamref name="T"/>, read strictly.</exception>
    internal static T Read<T>(string path, JsonTypeInfo<T> type) where T : class
    {
        try
        {
            return StrictJson.Read(path, type);
        }
        catch (JsonException e)
        {
            throw new ReproException(ErrorCode.DamagedRecord,
                $"the record '{path}' cannot be read: {e.Message}. A record that was edited or truncated proves nothing; restore it from version control or train a new run.", e);
        }
    }

    /// <summary>Writes beside the file, then moves it into place without replacing one: a record is never overwritten.</summary>
    internal static void Write<T>(string path, T value, JsonTypeInfo<T> type)
    {
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, Bytes(value, type));
        File.Move(temporary, path, overwrite: false);
    }
}
