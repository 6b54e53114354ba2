using System.Text.Json;

namespace Repro.Core.Tests.Fuzzing;

/// <summary>Where the values, properties and objects of a valid JSON text are, so mutations can aim at fields.</summary>
internal sealed class JsonMap
{
    public List<(int Start, int End, JsonTokenType Kind)> Values { get; } = [];

    /// <summary>From a property's opening quote to the end of its value.</summary>
    public List<(int Start, int End)> Properties { get; } = [];

    /// <summary>The index just after each '{'.</summary>
    public List<int> ObjectStarts { get; } = [];

    public static JsonMap Of(byte[] json)
    {
        var map = new JsonMap();
        var reader = new Utf8JsonReader(json);
        var open = new Stack<(int Start, int? Property)>();
        int? property = null;
        while (reader.Read())
        {
            var start = (int)reader.TokenStartIndex;
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    property = start;
                    break;
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    open.Push((start, property));
                    property = null;
                    if (reader.TokenType == JsonTokenType.StartObject)
                    {
                        map.ObjectStarts.Add(start + 1);
                    }

                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    var (from, name) = open.Pop();
                    map.Add(from, (int)reader.BytesConsumed, reader.TokenType == JsonTokenType.EndObject ? JsonTokenType.StartObject : JsonTokenType.StartArray, name);
                    break;
                default:
                    map.Add(start, (int)reader.BytesConsumed, reader.TokenType, property);
                    property = null;
                    break;
            }
        }

        return map;
    }

    private void Add(int start, int end, JsonTokenType kind, int? property)
    {
        Values.Add((start, end, kind));
        if (property is { } name)
        {
            Properties.Add((name, end));
        }
    }
}
