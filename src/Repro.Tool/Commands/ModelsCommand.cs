using System.CommandLine;
using Repro.Registry;
using Repro.Tool.Json;
using Repro.Verbs;

namespace Repro.Tool.Commands;

/// <summary><c>dotnet repro models [NAME | NAME@VERSION]</c>: -t:Models, and for one version -t:Describe -p:Model=NAME@VERSION.</summary>
internal static class ModelsCommand
{
    public static Command Create(ToolRunner runner)
    {
        var model = new Argument<string?>("model")
        {
            Description = "A model's name for its versions and aliases; NAME@VERSION or NAME@ALIAS for one version whole, with the alias's history.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("models", "Lists the registry's models, versions and aliases with their history, as -t:Models does.") { model };
        command.SetAction(parsed => runner.Run(parsed, context =>
        {
            var name = parsed.GetValue(model)?.Trim();
            if (name is { Length: > 0 } && name.Contains('@', StringComparison.Ordinal))
            {
                return DescribeCommand.Answer(context, name);
            }

            name = string.IsNullOrEmpty(name) ? null : name;
            var text = VerbAnswers.Models(context.Settings, name);
            return context.Answer(text, () => Document(context.Settings, name));
        }));
        return command;
    }

    private static ModelsDocument Document(ProjectSettings settings, string? name)
    {
        var registry = settings.Registry;
        var models = registry.Models().Where(m => name is null || string.Equals(m, name, StringComparison.OrdinalIgnoreCase));
        return new ModelsDocument(Shape.Version, "models", settings.RegistryDirectory,
            models.Select(m => new ModelRow(m, registry.Versions(m), registry.Aliases(m))).ToArray());
    }
}
