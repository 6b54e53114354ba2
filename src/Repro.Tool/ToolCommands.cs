using System.CommandLine;
using Repro.Diagnostics;
using Repro.Tool.Commands;

namespace Repro.Tool;

/// <summary>A command of <c>dotnet repro</c> and the build verb whose output it gives.</summary>
/// <param name="Verb">The row of <see cref="Verbs.VerbTable"/> it answers as, without MSBuild.</param>
public sealed record ToolCommand(string Name, string Verb, Func<ToolRunner, Command> Create);

/// <summary>
/// <c>dotnet repro</c>: the one table of its commands, each the read-only verb of the same name over the same Core code.
/// Train, Reproduce, Explain, Register, Promote, ApplyParams, Push and Pull stay build verbs: they need the project evaluated.
/// </summary>
public static class ToolCommands
{
    public static readonly IReadOnlyList<ToolCommand> All =
    [
        new("runs", "Runs", RunsCommand.Create),
        new("describe", "Describe", DescribeCommand.Create),
        new("compare", "Compare", CompareCommand.Create),
        new("models", "Models", ModelsCommand.Create),
        new("verify", "Verify", VerifyCommand.Create),
        new("prune", "Prune", PruneCommand.Create),
        new("report", "Report", ReportCommand.Create),
    ];

    /// <summary>Parses and runs one command line; returns its exit code (<see cref="ExitCodes"/>).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error, string currentDirectory)
    {
        var runner = new ToolRunner(output, error, currentDirectory);
        var root = new RootCommand("Repro's read-only verbs over a project's runs and registry, without starting MSBuild (docs/cli.md).");
        root.Options.Add(runner.Project);
        root.Options.Add(runner.Json);
        foreach (var command in All)
        {
            root.Subcommands.Add(command.Create(runner));
        }

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var problem in parsed.Errors)
            {
                error.WriteLine($"error: {problem.Message}");
            }

            error.WriteLine("dotnet repro --help lists the commands; dotnet repro <command> --help, a command's options.");
            return ExitCodes.BadRequest;
        }

        return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }
}

/// <summary>What every command shares: the global options, and one way to turn a coded error into its message and exit code.</summary>
public sealed class ToolRunner(TextWriter output, TextWriter error, string currentDirectory)
{
    public Option<string?> Project { get; } = new("--project") { Description = "The project file, or its folder; by default the current folder's one project.", Recursive = true };

    public Option<bool> Json { get; } = new("--json") { Description = "Writes the answer as JSON, in the versioned shape docs/cli.md documents.", Recursive = true };

    /// <param name="gate">Whether this call is a gate (compare --max-regression): a side it cannot judge then fails it (exit 1).</param>
    public int Run(ParseResult parsed, Func<ToolContext, int> command, bool gate = false)
    {
        var log = new ConsoleRunLog(error);
        try
        {
            var settings = ToolProject.Find(parsed.GetValue(Project), currentDirectory);
            return command(new ToolContext(settings, output, error, parsed.GetValue(Json)));
        }
        catch (ReproException e)
        {
            log.Error(e.Code, e.Message);
            return ExitCodes.For(e, gate);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.Error(ErrorCode.RunStoreUnwritable, $"Repro could not read or write what it had to ({e.Message}): check the folder's permissions and free space.");
            return ExitCodes.BadRequest;
        }
    }
}
