using Repro.Diagnostics;

namespace Repro.Tool;

/// <summary>Repro's log on the tool's standard error, as the build prints it: standard output keeps the answer alone (and --json parses).</summary>
internal sealed class ConsoleRunLog(TextWriter error) : IRunLog
{
    public void Progress(string message) => error.WriteLine(message);

    public void Detail(string message)
    {
        // Detail is for a detailed build log; the tool has no verbosity of its own yet.
    }

    public void Warning(string code, string message) => error.WriteLine($"warning {code}: {message}");

    public void Error(string code, string message) => error.WriteLine($"error {code}: {message}");
}
