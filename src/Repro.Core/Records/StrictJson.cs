using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.Unicode;

namespace Repro.Records;

/// <summary>
/// Reads a JSON file a person could have edited, strictly: one value of valid UTF-8 (a leading BOM is allowed), at most
/// <see cref="MaxBytes"/>, no name twice in an object, every constructor parameter present (System.Text.Json's own
/// <see cref="JsonSerializerOptions.RespectRequiredConstructorParameters"/> and, in what it reads,
/// <see cref="JsonSerializerOptions.AllowDuplicateProperties"/>), then no field a record cannot do without left out or
/// null, no null in a list and only finite numbers
/// (<see cref="RecordShape"/>). Anything else is a <see cref="JsonException"/> saying what is wrong, which each reader
/// turns into its own coded error: a record is read exactly or not at all.
/// </summary>
internal static class StrictJson
{
    /// <summary>The largest record file read: far above any real record, and a 100 MB file is refused before it is read.</summary>
    public const int MaxBytes = 32 << 20;

    private const int MaxDepth = 64;

    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    private static readonly Dictionary<JsonSerializerOptions, JsonSerializerOptions> Strict = [];

    /// <summary>For a document read without a type (metrics.json, a line of history.jsonl): no name twice, the same depth.</summary>
    public static readonly JsonDocumentOptions Document = new() { AllowDuplicateProperties = false, MaxDepth = MaxDepth };

    /// <summary>The file's bytes, or a <see cref="JsonException"/> when it is larger than <see cref="MaxBytes"/>.</summary>
    public static byte[] ReadFile(string path)
    {
        // Another process may rename a new file over this one while it is read (the hash cache): let it.
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (stream.Length > MaxBytes)
        {
            throw new JsonException($"it is {stream.Length} bytes, more than the {MaxBytes} a record may be");
        }

        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    public static T Read<T>(string path, JsonTypeInfo<T> type) where T : class => Deserialize(ReadFile(path), type);

    /// <summary>The record the bytes hold; see the class for what is refused.</summary>
    public static T Deserialize<T>(ReadOnlySpan<byte> utf8, JsonTypeInfo<T> type) where T : class
    {
        utf8 = Text(utf8, allowBom: true);
        Names(utf8, refuseRepeated: true);
        T? value;
        JsonSerializerOptions strict;
        try
        {
            strict = StrictOptions(type.Options);
            value = JsonSerializer.Deserialize(utf8, (JsonTypeInfo<T>)strict.GetTypeInfo(typeof(T)));
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or OverflowException or ArgumentException or NotSupportedException)
        {
            throw new JsonException(e.Message, e);
        }

        RecordShape.Check(value ?? throw new JsonException("it holds null"), strict);
        return value;
    }

    /// <summary>
    /// The bytes without a leading BOM, once they are known to be UTF-8 whose every name is text: a name escaped as a lone
    /// surrogate ("\ud800") is none, and the serializer lets it pass in a name it ignores.
    /// </summary>
    public static ReadOnlySpan<byte> Check(ReadOnlySpan<byte> utf8, bool allowBom = true)
    {
        utf8 = Text(utf8, allowBom);
        Names(utf8, refuseRepeated: false);
        return utf8;
    }

    private static ReadOnlySpan<byte> Text(ReadOnlySpan<byte> utf8, bool allowBom)
    {
        utf8 = allowBom && utf8.StartsWith(Bom) ? utf8[Bom.Length..] : utf8;
        return Utf8.IsValid(utf8) ? utf8 : throw new JsonException("it is not valid UTF-8");
    }

    /// <summary>
    /// Reads every name once: each must be text, and with <paramref name="refuseRepeated"/> none may stand twice in one
    /// object. The serializer's own AllowDuplicateProperties refuses that only in what it reads, not in a value it
    /// skips (a computed field written for readers, or one a later version added), so a record is scanned whole.
    /// </summary>
    private static void Names(ReadOnlySpan<byte> utf8, bool refuseRepeated)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = MaxDepth });
        var scopes = new Stack<HashSet<string>?>(); // the names seen in each open object; null for a list
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    scopes.Push(refuseRepeated ? new HashSet<string>(StringComparer.Ordinal) : null);
                    break;
                case JsonTokenType.StartArray:
                    scopes.Push(null);
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    scopes.Pop();
                    break;
                case JsonTokenType.PropertyName:
                    var name = Name(ref reader);
                    if (scopes.Peek() is { } seen && !seen.Add(name))
                    {
                        throw new JsonException($"'{Shown(name)}' appears twice in one object (line {Line(utf8, reader.TokenStartIndex)})");
                    }

                    break;
            }
        }
    }

    /// <summary>A property's name; a lone surrogate escaped in it ("\ud800") is no text.</summary>
    private static string Name(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException e)
        {
            throw new JsonException(e.Message, e);
        }
    }

    private static int Line(ReadOnlySpan<byte> utf8, long index) => utf8[..(int)index].Count((byte)'\n') + 1;

    /// <summary>A name as quoted in a message: a 30 MB name is shown by its start.</summary>
    internal static string Shown(string text) => text.Length > 80 ? text[..80] + "…" : text;

    /// <summary>The options of a context, made strict.</summary>
    private static JsonSerializerOptions StrictOptions(JsonSerializerOptions options)
    {
        lock (Strict)
        {
            if (!Strict.TryGetValue(options, out var strict))
            {
                strict = new JsonSerializerOptions(options)
                {
                    MaxDepth = MaxDepth,
                    // Readers disagree on which of two equal names counts, so a record with one twice is none.
                    AllowDuplicateProperties = false,
                    // A positional field left out would silently be 0, false or null.
                    RespectRequiredConstructorParameters = true,
                };
                strict.MakeReadOnly();
                Strict[options] = strict;
            }

            return strict;
        }
    }
}
