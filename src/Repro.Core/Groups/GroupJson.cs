using System.Text.Json.Serialization;
using Repro.Records;

namespace Repro.Groups;

[JsonSerializable(typeof(GroupRecord))]
internal sealed partial class GroupJsonContext : JsonSerializerContext;

/// <summary>group.json in Repro's JSON form.</summary>
internal static class GroupJson
{
    public static readonly GroupJsonContext Context = new(RecordJson.Options());
}
