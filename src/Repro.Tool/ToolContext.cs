using Repro.Diagnostics;
using Repro.Registry;
using Repro.Runs;
using Repro.Verbs;

namespace Repro.Tool;

/// <summary>One invocation: the project it reads, where its answer goes, and whether the answer is JSON.</summary>
public sealed class ToolContext(ProjectSettings settings, TextWriter output, TextWriter error, bool json)
{
    public ProjectSettings Settings { get; } = settings;

    public RunStore Store => Settings.Store;

    public ModelRegistry Registry => Settings.Registry;

    public TextWriter Output { get; } = output;

    public bool Json { get; } = json;

    public IRunLog Log { get; } = new ConsoleRunLog(error);

    /// <summary>Writes the answer: the verb's own text, or the JSON document.</summary>
    public int Answer(string text, Func<object> document)
    {
        if (Json)
        {
            Output.WriteLine(Repro.Tool.Json.ToolJson.Write(document()));
        }
        else
        {
            Output.WriteLine(text);
        }

        return ExitCodes.Ok;
    }

    /// <summary>Said once per call, on standard error: the tool and the SDK that wrote the records are not the same release.</summary>
    public void NoteVersions(IEnumerable<int> recordSchemas)
    {
        var tool = ToolVersion.Current;
        if (Settings.SdkVersion is { } sdk && !string.Equals(sdk, tool, StringComparison.OrdinalIgnoreCase))
        {
            Log.Progress($"note: this is Repro.Tool {tool}; the project builds with Repro.Sdk {sdk} ({ProjectSettings.FileName}). " +
                $"Records read the same within a schema; to match the SDK: dotnet tool update Repro.Tool --version {sdk}");
        }

        var newest = recordSchemas.DefaultIfEmpty(0).Max();
        if (newest > Records.RunRecord.Current)
        {
            Log.Progress($"note: some records were written by a newer Repro (record schema {newest}; Repro.Tool {tool} reads up to {Records.RunRecord.Current}), " +
                "so it may not read them whole: dotnet tool update Repro.Tool");
        }
    }
}
