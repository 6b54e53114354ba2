using System.CommandLine;
using Repro.Runs;
using Repro.Tool.Json;
using Repro.Verbs;

namespace Repro.Tool.Commands;

/// <summary><c>dotnet repro prune</c>: -t:Prune; it removes interrupted runs and nothing else.</summary>
internal static class PruneCommand
{
    public static Command Create(ToolRunner runner)
    {
        var command = new Command("prune", "Removes interrupted runs (unfinished folders whose build is gone), and nothing else, as -t:Prune does.");
        command.SetAction(parsed => runner.Run(parsed, context =>
        {
            var removed = RunPruner.Prune(context.Store);
            return context.Answer(VerbAnswers.Pruned(context.Settings, removed),
                () => new PruneDocument(Shape.Version, "prune", RunsCommand.Unfinished(removed), RunsCommand.Unfinished(context.Store.Partials())));
        }));
        return command;
    }
}
