using Repro.Diagnostics;

namespace Repro.Registry;

/// <summary>
/// A registered model version as a person names it, the same everywhere: <c>iris-classifier@production</c> (an alias)
/// or <c>iris-classifier@3</c> (a version number).
/// </summary>
public sealed record ModelReference(string Model, string Version)
{
    public override string ToString() => $"{Model}@{Version}";

    /// <summary>"name@version", or null when the text has no '@'.</summary>
    /// <exception cref="ReproException">REPRO0040 or REPRO0043 when a side of the '@' is empty or not a name.</exception>
    public static ModelReference? TryParse(string? text)
    {
        var at = text?.IndexOf('@', StringComparison.Ordinal) ?? -1;
        if (at < 0)
        {
            return null;
        }

        var (model, version) = (text![..at].Trim(), text[(at + 1)..].Trim());
        ModelName.Check(model);
        return version.Length > 0
            ? new ModelReference(model, version)
            : throw new ReproException(ErrorCode.UnknownVersion, $"'{text}' names no version after '@': write {model}@3, or an alias such as {model}@production.");
    }

    /// <summary>
    /// -p:Model for a verb about a version. The form of earlier releases, -p:Model=NAME -p:Version=V, still works with
    /// warning REPRO1008: -p:Version is also every project's own version, and reaches every project reference.
    /// </summary>
    /// <param name="legacyVersion">-p:Version, when -p:Model was given.</param>
    public static ModelReference Parse(string model, string? legacyVersion, IRunLog log)
    {
        var legacy = string.IsNullOrWhiteSpace(legacyVersion) ? null : legacyVersion.Trim();
        if (TryParse(model) is { } reference)
        {
            return legacy is null || legacy == reference.Version
                ? reference
                : throw new ReproException(ErrorCode.UnknownVersion,
                    $"-p:Model={model} names version '{reference.Version}' and -p:Version={legacy} another: leave out -p:Version.");
        }

        var name = ModelName.Check(model.Trim());
        if (legacy is null)
        {
            throw new ReproException(ErrorCode.UnknownVersion, $"name a version of '{name}': -p:Model={name}@3, or by alias -p:Model={name}@production.");
        }

        log.Warning(ErrorCode.LegacyModelVersion,
            $"-p:Model={name} -p:Version={legacy} is the form of earlier releases: write -p:Model={name}@{legacy}. " +
            "-p:Version is also the version of every project the build reaches; this form goes in the next release.");
        return new ModelReference(name, legacy);
    }
}
