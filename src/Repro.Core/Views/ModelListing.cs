using System.Globalization;
using System.Text;
using Repro.Registry;
using Repro.Records;

namespace Repro.Views;

/// <summary>
/// -t:Models: the registry's models, each version with the run it serves and its main metrics, and each alias with
/// every move it has made. Describe shows one version whole; this is the registry at a glance.
/// </summary>
public static class ModelListing
{
    private const int MainMetrics = 3;

    /// <param name="model">One model's name, or null for every model.</param>
    public static string Render(ModelRegistry registry, string? model)
    {
        var models = registry.Models();
        if (model is not null)
        {
            var named = models.FirstOrDefault(m => string.Equals(m, model, StringComparison.OrdinalIgnoreCase));
            if (named is null)
            {
                throw new Diagnostics.ReproException(Diagnostics.ErrorCode.UnknownModel,
                    $"no model '{model}' in the registry{(models.Count == 0 ? " (it has none yet: -t:Register makes one)" : $"; it has {string.Join(", ", models)}")}.");
            }

            models = [named];
        }

        if (models.Count == 0)
        {
            return "No models registered yet: -t:Register -p:RunId=ID -p:Model=NAME makes the first version.";
        }

        var text = new StringBuilder();
        foreach (var name in models)
        {
            var versions = registry.Versions(name);
            var aliases = registry.Aliases(name);
            text.Append(CultureInfo.InvariantCulture, $"{name}: {versions.Count} version(s)");
            text.Append(aliases.Count == 0 ? ", no aliases\n" : ", " + string.Join(", ", aliases.Select(a => $"{a.Alias} → v{a.Version}")) + "\n");
            foreach (var version in versions)
            {
                var pointing = aliases.Where(a => a.Version == version.Version).Select(a => a.Alias).ToArray();
                text.Append(CultureInfo.InvariantCulture, $"  v{version.Version,-3} {(version.Group is { } g ? $"group {g} run " : "run ")}{version.RunId}  ")
                    .Append(string.Join(" ", version.Metrics.Take(MainMetrics).Select(m => $"{m.Key}={Shown.Number(m.Value)}")))
                    .Append("  registered ").Append(version.RegisteredAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
                    .Append(version.RegisteredBy is { } by ? " by " + by : "")
                    .Append(pointing.Length > 0 ? $"  ({string.Join(", ", pointing)})" : "")
                    .Append('\n');
            }

            foreach (var alias in aliases)
            {
                text.Append("  ").Append(alias.Alias).Append(":\n");
                foreach (var line in AliasText.History(alias))
                {
                    text.Append("    ").Append(line).Append('\n');
                }
            }
        }

        return text.Append("(-t:Describe -p:Model=NAME@VERSION shows one version whole)").ToString();
    }
}
