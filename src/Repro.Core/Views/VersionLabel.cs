using Repro.Registry;

namespace Repro.Views;

/// <summary>A registered version as Describe names it: "iris-classifier@2 (iris-classifier@production)".</summary>
public static class VersionLabel
{
    public static string Of(ModelVersion version, IReadOnlyList<ModelAlias> aliases)
    {
        var pointing = aliases.Where(a => a.Model == version.Model && a.Version == version.Version).Select(a => $"{version.Model}@{a.Alias}").ToArray();
        return $"{version.Model}@{version.Version}" + (pointing.Length > 0 ? $" ({string.Join(", ", pointing)})" : "");
    }
}
