using System.Text.Json.Serialization;
using Repro.Records;

namespace Repro.Remotes;

[JsonSerializable(typeof(RemoteManifest))]
internal sealed partial class RemoteJsonContext : JsonSerializerContext;

/// <summary>A remote's manifests in Repro's JSON form.</summary>
internal static class RemoteJson
{
    public static readonly RemoteJsonContext Context = new(RecordJson.Options());
}
