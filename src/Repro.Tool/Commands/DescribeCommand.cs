using System.CommandLine;
using System.Text.Json;
using Repro.Diagnostics;
using Repro.Registry;
using Repro.Remotes;
using Repro.Runs;
using Repro.Tool.Json;
using Repro.Training;
using Repro.Verbs;
using Repro.Views;

namespace Repro.Tool.Commands;

/// <summary><c>dotnet repro describe ID|NAME@VERSION</c>: -t:Describe.</summary>
internal static class DescribeCommand
{
    public static Command Create(ToolRunner runner)
    {
        var subject = new Argument<string>("subject") { Description = "A run id, a group id, or a registered version: NAME@VERSION or NAME@ALIAS." };
        var command = new Command("describe", "Shows a run, a group or a registered version whole, as -t:Describe does.") { subject };
        command.SetAction(parsed => runner.Run(parsed, context => Answer(context, parsed.GetValue(subject)!)));
        return command;
    }

    /// <summary>Also what <c>models NAME@VERSION</c> answers.</summary>
    internal static int Answer(ToolContext context, string subject)
    {
        var (runId, model) = Subject(subject, context.Log);
        var settings = context.Settings;
        using var remote = RemoteStores.Open(settings.Remote, settings.ProjectDirectory);
        var fetch = remote is null ? null : RemoteArtifacts.Fetcher(remote, context.Log);
        var text = Description.Render(context.Store, context.Registry, settings.ProjectFile, runId, model, fetch);
        var document = Document(context.Settings, runId, model);
        context.NoteVersions(document.Record is { } record && record.TryGetProperty("schemaVersion", out var schema) && schema.TryGetInt32(out var n) ? [n] : []);
        return context.Answer(text, () => document);
    }

    /// <summary>A name with '@' is a registered version; anything else, a run or group id.</summary>
    internal static (string? RunId, ModelReference? Model) Subject(string subject, IRunLog log) =>
        subject.Contains('@', StringComparison.Ordinal) ? (null, RunSelection.Model(subject, null, log)) : (subject.Trim(), null);

    private static DescribeDocument Document(ProjectSettings settings, string? runId, ModelReference? model)
    {
        var store = settings.Store;
        // A registry that cannot be read gives no versions; the text answer says why (its notes), the document has none.
        var notes = new List<string>();
        if (runId is not null && RunLookup.FindGroup(store, runId) is { } group)
        {
            var groupFile = Path.Combine(store.GroupFolder(group.GroupId), RunStore.GroupRecordFile);
            var groupVersions = Description.Versions(settings.Registry, v => v.Group == group.GroupId, notes);
            return new DescribeDocument(Shape.Version, "describe", "group", group.GroupId, true, null, [], Raw(groupFile), groupVersions,
                Description.Aliases(settings.Registry, groupVersions, notes), ReproduceCommand.ForReproduce(settings.ProjectFile, $"-p:RunId={group.GroupId}"));
        }

        var id = RunSelection.RunId(store, settings.Registry, runId, model);
        var folder = store.Folder(id);
        CodedMessage? problem = null;
        IReadOnlyList<string> notLocal = [];
        try
        {
            var record = RecordIntegrity.ReadAnyStatus(folder, needArtifacts: false);
            notLocal = LocalArtifacts.Missing(folder, record).Select(a => a.Path).ToArray();
        }
        catch (ReproException e)
        {
            problem = new CodedMessage(e.Code, e.Message);
        }

        var versions = Description.Versions(settings.Registry, v => v.RunId == id, notes);
        var selector = model is null ? $"-p:RunId={id}" : $"-p:Model={model}";
        return new DescribeDocument(Shape.Version, "describe", "run", id, problem is null, problem, notLocal, Raw(Path.Combine(folder, RunFiles.Run)),
            versions, Description.Aliases(settings.Registry, versions, notes), ReproduceCommand.ForReproduce(settings.ProjectFile, selector));
    }

    /// <summary>The record file as written; null when it is not JSON (the problem says why).</summary>
    private static JsonElement? Raw(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            return document.RootElement.Clone();
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            return null;
        }
    }
}
