using System.CommandLine;
using Repro.Groups;
using Repro.Registry;
using Repro.Runs;
using Repro.Tool.Json;
using Repro.Verbs;
using Repro.Views;

namespace Repro.Tool.Commands;

/// <summary><c>dotnet repro runs</c>: -t:Runs.</summary>
internal static class RunsCommand
{
    public static Command Create(ToolRunner runner)
    {
        var experiment = new Option<string?>("--experiment") { Description = "Lists one experiment's runs and groups." };
        var last = new Option<string?>("--last") { Description = $"How many of the newest runs to list; 0 for all (default {RunListing.DefaultLast})." };
        var command = new Command("runs", "Lists the newest runs and groups, then the runs never finished, as -t:Runs does.") { experiment, last };
        command.SetAction(parsed => runner.Run(parsed, context =>
        {
            var name = string.IsNullOrWhiteSpace(parsed.GetValue(experiment)) ? null : parsed.GetValue(experiment)!.Trim();
            var count = RunListing.ParseLast(parsed.GetValue(last));
            var document = Document(context.Settings, name, count);
            context.NoteVersions(document.Runs.Select(r => r.RecordSchemaVersion ?? 0));
            return context.Answer(context.Json ? "" : VerbAnswers.Runs(context.Settings, name, count), () => document);
        }));
        return command;
    }

    /// <summary>The listing's facts, read the way the listing reads them: the newest <paramref name="last"/> runs, each record once.</summary>
    internal static RunsDocument Document(ProjectSettings settings, string? experiment, int last)
    {
        var store = settings.Store;
        var (versions, registryProblem) = Registered(settings.Registry);
        var runs = new List<RunRow>();
        var ids = store.RunIds();
        var read = 0;
        foreach (var id in ids.Reverse())
        {
            if (last > 0 && runs.Count >= last)
            {
                break;
            }

            read++;
            var record = store.Read(id).Record;
            var labels = versions.Where(v => v.RunId == id).Select(v => v.Label).ToArray();
            if (record is null)
            {
                runs.Add(new RunRow(id, false, null, null, null, null, null, null, null, null, labels, true, null));
                continue;
            }

            if (experiment is not null && !string.Equals(record.Experiment, experiment, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            runs.Add(new RunRow(id, true, record.Experiment, record.Verdict?.Status ?? record.Status, record.Seed, record.Metrics, record.Git.Commit,
                record.Git.Dirty, record.Group, record.ReproductionOf, labels, Remotes.LocalArtifacts.Missing(store.Folder(id), record).Count == 0,
                record.SchemaVersion));
        }

        var groupStore = new GroupStore(store);
        var groupIds = groupStore.Ids();
        var groups = new List<GroupRow>();
        var groupsRead = 0;
        foreach (var id in groupIds)
        {
            if (last > 0 && groups.Count >= last)
            {
                break;
            }

            groupsRead++;
            var labels = versions.Where(v => v.Group == id).Select(v => v.Label).ToArray();
            GroupRecord group;
            try
            {
                group = groupStore.Read(id);
            }
            catch (Diagnostics.ReproException)
            {
                groups.Add(new GroupRow(id, false, null, null, 0, 0, null, null, null, labels));
                continue;
            }

            if (experiment is not null && !string.Equals(group.Experiment, experiment, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            groups.Add(new GroupRow(id, true, group.Experiment, GroupDescription.Kind(group), group.Members.Count, group.Completed.Count(), group.RankedBy,
                GroupDescription.Headline(group)?.Summary, group.BestRun, labels));
        }

        return new RunsDocument(Shape.Version, "runs", settings.RunsDirectory, runs, ids.Count - read, groups, groupIds.Count - groupsRead,
            Unfinished(store.Partials()), registryProblem);
    }

    internal static IReadOnlyList<UnfinishedRun> Unfinished(IEnumerable<PartialRun> partials) => partials
        .Select(p => new UnfinishedRun(p.RunId, p.State switch
        {
            PartialState.Interrupted => "interrupted",
            PartialState.OtherMachine => "otherMachine",
            _ => "running",
        }, p.OwnerText, p.Holds))
        .ToArray();

    private static ((string RunId, string? Group, string Label)[] Versions, string? Problem) Registered(ModelRegistry registry)
    {
        try
        {
            return (registry.Models().SelectMany(model =>
            {
                var aliases = registry.Aliases(model);
                return registry.Versions(model).Select(v => (v.RunId, v.Group, Label: VersionLabel.Of(v, aliases)));
            }).ToArray(), null);
        }
        catch (Diagnostics.ReproException e) when (e.Code == Diagnostics.ErrorCode.DamagedRegistry)
        {
            return ([], $"{e.Code}: {e.Message}");
        }
    }
}
