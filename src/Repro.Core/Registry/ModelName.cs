using System.Text.RegularExpressions;
using Repro.Diagnostics;

namespace Repro.Registry;

/// <summary>The names the registry turns into file names: never a path, never surprising in a URL or a shell.</summary>
public static partial class ModelName
{
    public static string Check(string? model)
    {
        if (string.IsNullOrWhiteSpace(model))
        {
            throw new ReproException(ErrorCode.BadModelName, "name the model: -p:Model=iris-classifier.");
        }

        return Model().IsMatch(model)
            ? model
            : throw new ReproException(ErrorCode.BadModelName,
                $"'{model}' cannot be a model name: use lower-case letters, digits, '-', '_' and '.', starting with a letter or digit (for example iris-classifier).");
    }

    public static string CheckAlias(string? alias)
    {
        if (string.IsNullOrWhiteSpace(alias))
        {
            throw new ReproException(ErrorCode.BadAlias, "name the alias: -p:Alias=production.");
        }

        return Alias().IsMatch(alias)
            ? alias
            : throw new ReproException(ErrorCode.BadAlias,
                $"'{alias}' cannot be an alias: use a simple identifier — a letter, then letters, digits, '-' or '_' (for example production).");
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,99}$", RegexOptions.CultureInvariant)]
    private static partial Regex Model();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex Alias();
}
