using Repro.Records;
using Repro.Runs;
using Microsoft.Build.Framework;
using Repro.Diagnostics;
using Repro.Groups;
using Repro.Reproduction;

namespace Repro.Tasks;

/// <summary>Re-runs a recorded run, or every member of a group, compares with the record, and fails the build when one diverges.</summary>
public sealed class ReproduceRun : ReproductionTask, ICancelableTask
{
    private readonly CancellationTokenSource _cancel = new();

    /// <summary>Each reproduction's RunId (one per member for a group), with ReproductionOf, Verdict, Folder and, for a group, Group metadata.</summary>
    [Output]
    public ITaskItem[] Reproductions { get; private set; } = [];

    public void Cancel() => _cancel.Cancel();

    private protected override void ExecuteCore()
    {
        var request = Request();
        if (RunLookup.FindGroup(Store, request.RunId) is { } group)
        {
            ReproduceGroup(group, request);
            return;
        }

        var settings = Settings();
        Reproduction.Reproduction result;
        using (CancellationSignals.Cancel(_cancel))
        {
            result = new Reproducer(settings).Reproduce(request, _cancel.Token);
        }

        RunLog.Progress(VerdictReport.Render(result));

        var folder = Path.GetRelativePath(settings.ProjectDirectory, result.Outcome.Folder).Replace('\\', '/');
        if (_cancel.IsCancellationRequested)
        {
            RunLog.Error(ErrorCode.Cancelled, $"the reproduction of {result.Recorded.RunId} was cancelled: run {result.Outcome.Record.RunId} is recorded as cancelled. Reproduce again.");
        }
        else if (result.Verdict.Status != Verdict.Reproduced)
        {
            RunLog.Error(ErrorCode.Diverged, VerdictReport.Divergence(result, settings.ProjectDirectory));
        }
        else if (Exact && !result.Verdict.ModelIdentical)
        {
            RunLog.Error(ErrorCode.ModelDiffers, VerdictReport.ModelDiffers(result));
        }
        else
        {
            var model = !result.Verdict.ModelIdentical ? "model differs"
                : result.Verdict.SameEntries.Count == 0 ? "model bit-identical" : "model identical";
            RunLog.Progress($"{Path.GetFileNameWithoutExtension(ProjectFile)} -> {folder} (reproduced {result.Recorded.RunId}: " +
                $"{result.Verdict.Metrics.Count} metric(s) within tolerance, {model})");
        }

        Reproductions = [Item(result, null)];
    }

    /// <summary>Every completed member in plan order, each reported as it finishes; one error names all that did not reproduce.</summary>
    private void ReproduceGroup(GroupRecord group, ReproduceRequest request)
    {
        var settings = Settings();
        RunLog.Progress($"Reproducing group {group.GroupId} ({group.Experiment}): {group.Completed.Count()} member(s)…");
        IReadOnlyList<MemberReproduction> results;
        using (CancellationSignals.Cancel(_cancel))
        {
            results = GroupReproduction.Reproduce(new Reproducer(settings), group, request,
                member => RunLog.Progress(VerdictReport.Render(member.Result)), _cancel.Token);
        }

        Reproductions = results.Select(r => Item(r.Result, group.GroupId)).ToArray();
        if (_cancel.IsCancellationRequested)
        {
            RunLog.Error(ErrorCode.Cancelled, $"the reproduction of group {group.GroupId} was cancelled after {results.Count} member(s). Reproduce again.");
            return;
        }

        RunLog.Progress($"{ProjectName} -> " + GroupReproduction.Summary(group, results, Exact, settings.ProjectDirectory));
        if (GroupReproduction.Failure(group, results, Exact, settings.ProjectDirectory) is { } failure)
        {
            RunLog.Error(ErrorCode.GroupNotReproduced, failure);
        }

        Reproductions = results.Select(r => Item(r.Result, group.GroupId)).ToArray();
    }

    private static ITaskItem Item(Reproduction.Reproduction result, string? group)
    {
        var metadata = new Dictionary<string, string>
        {
            ["ReproductionOf"] = result.Recorded.RunId,
            ["Verdict"] = result.Verdict.Status,
            ["Folder"] = result.Outcome.Folder,
        };
        if (group is not null)
        {
            metadata["Group"] = group;
        }

        return new Microsoft.Build.Utilities.TaskItem(result.Outcome.Record.RunId, metadata);
    }
}
