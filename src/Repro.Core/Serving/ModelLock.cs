using System.Text.Json;
using System.Text.Json.Serialization;
using Repro.Diagnostics;
using Repro.Records;

namespace Repro.Serving;

/// <summary>One model an application references, as the lock pins it: what it resolved to, and where the build put it.</summary>
/// <param name="Reference">As the ModelReference writes it: iris-classifier@production.</param>
/// <param name="File">The model file in the application's output, relative to it: models/iris-classifier@3/model.zip.</param>
public sealed record LockedModel(
    string Reference,
    string Name,
    string? Alias,
    int Version,
    string RunId,
    string Artifact,
    string Sha256,
    long Bytes,
    string File,
    SortedDictionary<string, double> Metrics,
    DateTimeOffset RegisteredAt)
{
    public static LockedModel Of(ResolvedModel model) => new(model.Reference, model.Name, model.Alias, model.Version, model.RunId, model.Artifact,
        model.Sha256, model.Bytes, $"models/{model.Name}@{model.Version}/{Path.GetFileName(model.Artifact)}", model.Metrics, model.RegisteredAt);

    /// <summary>The model this entry pins, as a resolution gives it.</summary>
    public ResolvedModel Resolved() => new(Reference, Name, Alias, Version, RunId, Artifact, Sha256, Bytes, Metrics, RegisteredAt);

    /// <summary>"v3 (run 20261124-…, sha256 3f9a1c…)".</summary>
    public string Describe() => $"v{Version} (run {RunId}, sha256 {Shown.Digest(Sha256)})";
}

/// <summary>
/// <c>models.lock.json</c>, beside an application's project and committed like packages.lock.json: each model it
/// references, resolved. The build copies it to the output, where <c>RegisteredModel.Load</c> reads it.
/// </summary>
public sealed record ModelLock(int Version, IReadOnlyList<LockedModel> Models)
{
    public const string FileName = "models.lock.json";
    public const int CurrentVersion = 1;

    private static readonly ModelLockJsonContext Json = new(RecordJson.Options());

    public LockedModel? Find(string reference) => Models.FirstOrDefault(m => string.Equals(m.Reference, reference.Trim(), StringComparison.Ordinal));

    /// <summary>The lock in <paramref name="path"/>, or null when there is none.</summary>
    /// <exception cref="ReproException">REPRO0093 when it is there and is not a lock Repro writes.</exception>
    public static ModelLock? Read(string path)
    {
        if (!System.IO.File.Exists(path))
        {
            return null;
        }

        try
        {
            var read = StrictJson.Read(path, Json.ModelLock);
            return read.Version == CurrentVersion ? read : throw new JsonException($"it is of version {read.Version}, and this Repro reads {CurrentVersion}");
        }
        catch (JsonException e)
        {
            throw new ReproException(ErrorCode.ModelLockMismatch,
                $"'{path}' cannot be read ({e.Message}): restore it from version control, or delete it and build to resolve the models again.");
        }
    }

    /// <summary>Writes the lock, models by reference, only when its bytes change: a build that moves nothing touches nothing.</summary>
    /// <returns>Whether the file changed.</returns>
    public bool Write(string path)
    {
        var bytes = RecordJson.Bytes(this with { Models = [.. Models.OrderBy(m => m.Reference, StringComparer.Ordinal)] }, Json.ModelLock);
        if (System.IO.File.Exists(path) && System.IO.File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes))
        {
            return false;
        }

        var temporary = path + ".tmp";
        System.IO.File.WriteAllBytes(temporary, bytes);
        System.IO.File.Move(temporary, path, overwrite: true);
        return true;
    }
}

[JsonSerializable(typeof(ModelLock))]
internal sealed partial class ModelLockJsonContext : JsonSerializerContext;
