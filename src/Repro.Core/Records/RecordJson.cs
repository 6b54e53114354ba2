using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Repro.Diagnostics;

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
[JsonSerializable(typeof(Repro.Remotes.RemoteManifest))]
[JsonSerializable(typeof(Repro.Sharding.GroupMemberNote))]
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

    /// <exception cref="ReproException">REPRO0022 when config.json is not a config, read strictly (see <see cref="StrictJson"/>).</exception>
    public static RunConfig ReadConfig(string path) => Read(path, Context.RunConfig);

    /// <exception cref="ReproException">REPRO0022 when run.json is not a record, read strictly (see <see cref="StrictJson"/>).</exception>
    public static RunRecord ReadRecord(string path) => Read(path, Context.RunRecord);

    internal static void WriteMemberNote(string path, Sharding.GroupMemberNote note) => Write(path, note, Context.GroupMemberNote);

    /// <exception cref="ReproException">REPRO0022 when the note is not one, read strictly.</exception>
    internal static Sharding.GroupMemberNote ReadMemberNote(string path) => Read(path, Context.GroupMemberNote);

    /// <summary>A member note, or null when the file is not one (read strictly).</summary>
    internal static Sharding.GroupMemberNote? ReadMemberNoteOrNull(string path)
    {
        try
        {
            return ReadMemberNote(path);
        }
        catch (ReproException)
        {
            return null;
        }
    }

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

    private static T Read<T>(string path, JsonTypeInfo<T> type) where T : class
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

    private static void Write<T>(string path, T value, JsonTypeInfo<T> type)
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
