using Microsoft.Build.Framework;
using Repro.Diagnostics;
using Repro.Groups;
using Repro.Records;
using Repro.Reproduction;
using Repro.Runs;
using Repro.Training;

namespace Repro.Tasks;

/// <summary>-t:Reproduce: re-runs a recorded run, or every member of a group, compares with the record, and fails the build when one diverges.</summary>
public sealed class ReproduceRun : ReproductionTask, ICancelableTask
{
    private readonly CancellationTokenSource _cancel = new();

    /// <summary>@(_ReproProgram): the program, with what its runs are stamped with.</summary>
    [Required]
    public ITaskItem Program { get; set; } = null!;

    /// <summary>$(SourceRevisionId), when the SDK's own git reader set it.</summary>
    public string? SourceRevisionId { get; set; }

    /// <summary>Each reproduction's RunId (one per member for a group), with ReproductionOf, Verdict, Folder and, for a group, Group metadata.</summary>
    [Output]
    public ITaskItem[] Reproductions { get; private set; } = [];

    public void Cancel() => _cancel.Cancel();

    private protected override void ExecuteCore()
    {
        var request = Request();
        var settings = TrainSettings.For(Settings, TaskItems.Program(Program), SourceRevisionId, RunLog);
        if (RunLookup.FindGroup(Store, request.RunId) is { } group)
        {
            ReproduceGroup(settings, group, request);
            return;
        }

        Reproduction.Reproduction result;
        using (CancellationSignals.Cancel(_cancel))
        {
            result = new Reproducer(settings).Reproduce(request, _cancel.Token);
        }

        RunLog.Progress(VerdictReport.Render(result));
        if (_cancel.IsCancellationRequested)
        {
            RunLog.Error(ErrorCode.Cancelled, VerdictReport.Cancelled(result));
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
            Report(VerdictReport.Reproduced(result, settings.ProjectDirectory));
        }

        Reproductions = [Item(result, null)];
    }

    /// <summary>Every completed member in plan order, each reported as it finishes; one error names all that did not reproduce.</summary>
    private void ReproduceGroup(TrainSettings settings, GroupRecord group, ReproduceRequest request)
    {
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
            RunLog.Error(ErrorCode.Cancelled, GroupReproduction.Cancelled(group, results.Count));
            return;
        }

        Report(GroupReproduction.Summary(group, results, Exact, settings.ProjectDirectory));
        if (GroupReproduction.Failure(group, results, Exact, settings.ProjectDirectory) is { } failure)
        {
            RunLog.Error(ErrorCode.GroupNotReproduced, failure);
        }
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
