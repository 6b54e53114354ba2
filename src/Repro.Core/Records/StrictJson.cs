using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.Unicode;

namespace Repro.Records;

/// <summary>
/// Reads a JSON file a person could have edited, strictly: one value of valid UTF-8 (a leading BOM is allowed), no
/// name twice in an object, no null in a list, every field a record cannot do without present and non-null, every
/// number finite, and at most <see cref="MaxBytes"/>. Anything else is a <see cref="JsonException"/> saying what is
/// wrong, which each reader turns into its own coded error: a record is read exactly or not at all.
/// </summary>
internal static class StrictJson
{
    /// <summary>The largest record file read: far above any real record, and a 100 MB file is refused before it is read.</summary>
    public const int MaxBytes = 32 << 20;

    private const int MaxDepth = 64;

    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    private static readonly Dictionary<JsonSerializerOptions, JsonSerializerOptions> Strict = [];

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
        utf8 = Check(utf8);
        T? value;
        try
        {
            value = JsonSerializer.Deserialize(utf8, (JsonTypeInfo<T>)StrictOptions(type.Options).GetTypeInfo(typeof(T)));
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or OverflowException or ArgumentException or NotSupportedException)
        {
            throw new JsonException(e.Message, e);
        }

        RecordShape.Check(value ?? throw new JsonException("it holds null"));
        return value;
    }

    /// <summary>
    /// Checks the bytes are one JSON value without a repeated name or a null in a list, and returns them without a
    /// leading BOM. A repeated name is refused because readers disagree on which one counts.
    /// </summary>
    public static ReadOnlySpan<byte> Check(ReadOnlySpan<byte> utf8, bool allowBom = true)
    {
        if (allowBom && utf8.StartsWith(Bom))
        {
            utf8 = utf8[Bom.Length..];
        }

        if (!Utf8.IsValid(utf8))
        {
            throw new JsonException("it is not valid UTF-8");
        }

        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = MaxDepth });
        var scopes = new Stack<HashSet<string>?>(); // the names seen in each open object; null for a list
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    scopes.Push(new HashSet<string>(StringComparer.Ordinal));
                    break;
                case JsonTokenType.StartArray:
                    scopes.Push(null);
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    scopes.Pop();
                    break;
                case JsonTokenType.PropertyName:
                    var name = Name(ref reader);
                    if (!scopes.Peek()!.Add(name))
                    {
                        throw new JsonException($"'{Shown(name)}' appears twice in one object (line {Line(utf8, reader.TokenStartIndex)})");
                    }

                    break;
                case JsonTokenType.Null when scopes.Count > 0 && scopes.Peek() is null:
                    throw new JsonException($"a list holds null (line {Line(utf8, reader.TokenStartIndex)})");
            }
        }

        return utf8;
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

    /// <summary>A name as quoted in a message: a 30 MB name is shown by its start.</summary>
    internal static string Shown(string text) => text.Length > 80 ? text[..80] + "…" : text;

    private static int Line(ReadOnlySpan<byte> utf8, long index) => utf8[..(int)index].Count((byte)'\n') + 1;

    /// <summary>The options of a context, but with every constructor parameter of a value type required (see <see cref="RequiredParameters"/>).</summary>
    private static JsonSerializerOptions StrictOptions(JsonSerializerOptions options)
    {
        lock (Strict)
        {
            if (!Strict.TryGetValue(options, out var strict))
            {
                strict = new JsonSerializerOptions(options)
                {
                    TypeInfoResolver = new RequiredParameters(options.TypeInfoResolver!),
                    MaxDepth = MaxDepth,
                };
                strict.MakeReadOnly();
                Strict[options] = strict;
            }

            return strict;
        }
    }

    /// <summary>
    /// Marks a positional parameter of a value type with no default as required: left out, it would silently be 0 or
    /// false. (A missing reference is null, which <see cref="RecordShape"/> refuses where the record does not allow it.)
    /// </summary>
    private sealed class RequiredParameters(IJsonTypeInfoResolver inner) : IJsonTypeInfoResolver
    {
        public JsonTypeInfo? GetTypeInfo(Type type, JsonSerializerOptions options)
        {
            var info = inner.GetTypeInfo(type, options);
            if (info is not { Kind: JsonTypeInfoKind.Object })
            {
                return info;
            }

            var required = type.GetConstructors()
                .OrderByDescending(c => c.GetParameters().Length)
                .FirstOrDefault()?.GetParameters()
                .Where(p => !p.HasDefaultValue && p.ParameterType.IsValueType && Nullable.GetUnderlyingType(p.ParameterType) is null)
                .Select(p => p.Name)
                .ToHashSet(StringComparer.OrdinalIgnoreCase) ?? [];
            foreach (var property in info.Properties)
            {
                if (required.Contains(property.Name))
                {
                    property.IsRequired = true;
                }
            }

            return info;
        }
    }
}
