using System.CommandLine;
using Repro.Report;
using Repro.Tool.Json;
using Repro.Verbs;

namespace Repro.Tool.Commands;

/// <summary><c>dotnet repro report [--output PATH]</c>: -t:Report, the runs page.</summary>
internal static class ReportCommand
{
    public static Command Create(ToolRunner runner)
    {
        var output = new Option<string?>("--output") { Description = "Where the page goes, relative to the project; by default index.html in the run store." };
        var command = new Command("report", "Writes the runs page, one self-contained HTML file, as -t:Report does.") { output };
        command.SetAction(parsed => runner.Run(parsed, context =>
        {
            var settings = context.Settings;
            var page = VerbAnswers.PagePath(settings, parsed.GetValue(output));
            var (path, runs, _) = RunsPage.Write(settings.ProjectFile, context.Store, context.Registry, page, context.Log);
            return context.Answer($"{path} ({runs} runs)", () => new ReportDocument(Shape.Version, "report", path, runs));
        }));
        return command;
    }
}
