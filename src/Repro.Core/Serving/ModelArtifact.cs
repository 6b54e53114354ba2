using Repro.Diagnostics;
using Repro.Fingerprints;
using Repro.Records;

namespace Repro.Serving;

/// <summary>
/// Which of a run's artifacts is the model a version serves: the one that is named, else the only artifact whose file
/// name is <c>model.*</c> (ML.NET's model.zip, Repro.Learn's model.bin). Evaluations, predictions and plots beside it
/// are the run's, not the model.
/// </summary>
public static class ModelArtifact
{
    /// <param name="requested">-p:Artifact (or a ModelReference's Artifact): a path in the run folder such as artifacts/model.zip; null to choose.</param>
    public static FileFingerprint Choose(RunRecord record, string? requested)
    {
        if (!string.IsNullOrWhiteSpace(requested))
        {
            var path = requested.Trim().Replace('\\', '/');
            return record.Artifacts.FirstOrDefault(a => a.Path == path || a.Path == RunFiles.ArtifactsFolder + "/" + path)
                ?? throw new ReproException(ErrorCode.NoModelFile,
                    $"run {record.RunId} has no artifact '{requested}'. Its artifacts: {Listed(record)}.");
        }

        var models = record.Artifacts.Where(IsModel).ToArray();
        return models.Length == 1 ? models[0] : throw new ReproException(ErrorCode.NoModelFile,
            (models.Length == 0 ? $"run {record.RunId} has no artifact named model.* to serve" : $"run {record.RunId} has {models.Length} artifacts named model.*") +
            $": name the one with -p:Artifact=artifacts/<file> (Register) or Artifact=\"artifacts/<file>\" (ModelReference). Its artifacts: {Listed(record)}.");
    }

    /// <summary>The model file when one is named or the rule finds exactly one; null when none is named and the rule finds none or several.</summary>
    public static FileFingerprint? Find(RunRecord record, string? requested) =>
        string.IsNullOrWhiteSpace(requested) && record.Artifacts.Count(IsModel) != 1 ? null : Choose(record, requested);

    private static bool IsModel(FileFingerprint artifact) =>
        artifact.Path.StartsWith(RunFiles.ArtifactsFolder + "/", StringComparison.Ordinal)
        && Path.GetFileNameWithoutExtension(artifact.Path).Equals("model", StringComparison.OrdinalIgnoreCase);

    private static string Listed(RunRecord record) => record.Artifacts.Count == 0 ? "none" : string.Join(", ", record.Artifacts.Select(a => a.Path));
}
