using System.Globalization;
using System.Text;
using Repro.Diagnostics;
using Repro.Groups;
using Repro.Records;
using Repro.Runs;

namespace Repro.Reproduction;

/// <summary>One member of a group and its reproduction.</summary>
public sealed record MemberReproduction(GroupMember Member, Reproduction Result);

/// <summary>
/// Reproduces a group member by member, each as a run of its own (with ReproductionOf and a verdict), with the same
/// request: tolerance, exactness, code. The group is not recorded again: its verdict is its members' verdicts.
/// Members that failed when the group was trained have nothing to reproduce and are passed over, saying so.
/// </summary>
public static class GroupReproduction
{
    /// <summary>Opens every completed member, proving its record intact, before anything is built.</summary>
    public static IReadOnlyList<RecordedRun> Open(RunStore store, GroupRecord group, ReproduceRequest request)
    {
        var members = Reproducible(group);
        return members.Select(member =>
        {
            try
            {
                return RecordedRun.Open(store, request with { RunId = member.RunId });
            }
            catch (ReproException e)
            {
                throw new ReproException(e.Code, $"member {RunLookup.Describe(member)} of group '{group.GroupId}': {e.Message}", e);
            }
        }).ToArray();
    }

    public static IReadOnlyList<MemberReproduction> Reproduce(Reproducer reproducer, GroupRecord group, ReproduceRequest request, Action<MemberReproduction> reproduced, CancellationToken cancellation)
    {
        var results = new List<MemberReproduction>();
        foreach (var member in Reproducible(group))
        {
            if (cancellation.IsCancellationRequested)
            {
                break;
            }

            var result = new MemberReproduction(member, reproducer.Reproduce(request with { RunId = member.RunId }, cancellation));
            reproduced(result);
            results.Add(result);
        }

        return results;
    }

    /// <summary>Whether a member reproduced: its metrics within tolerance and, when <paramref name="exact"/>, its model identical.</summary>
    public static bool Reproduced(MemberReproduction member, bool exact) =>
        member.Result.Verdict.Status == Verdict.Reproduced && (!exact || member.Result.Verdict.ModelIdentical);

    /// <summary>One line per member: run id, seed and point, verdict, model, and where its reproduction is.</summary>
    public static string Summary(GroupRecord group, IReadOnlyList<MemberReproduction> results, bool exact, string projectDirectory)
    {
        var text = new StringBuilder();
        var passed = results.Count(r => Reproduced(r, exact));
        text.Append(CultureInfo.InvariantCulture, $"Group {group.GroupId} ({group.Experiment}): {passed} of {results.Count} members reproduced");
        foreach (var member in group.Members)
        {
            var result = results.FirstOrDefault(r => r.Member.RunId == member.RunId);
            var verdict = result is null
                ? member.Status == RunStatus.Completed ? "not reproduced (cancelled)" : $"passed over: it {member.Status} when trained"
                : (Reproduced(result, exact) ? "reproduced" : result.Result.Verdict.Status == Verdict.Reproduced ? "MODEL DIFFERS" : "DIVERGED") +
                  $", model {VerdictReport.Model(result.Result.Verdict)} → {Relative(projectDirectory, result.Result.Outcome.Folder)}";
            text.Append("\n  ").Append(RunLookup.Describe(member)).Append("  ").Append(verdict);
        }

        return text.ToString();
    }

    /// <summary>Why the group did not reproduce, naming every member that did not and why; null when all did.</summary>
    public static string? Failure(GroupRecord group, IReadOnlyList<MemberReproduction> results, bool exact, string projectDirectory)
    {
        var failed = results.Where(r => !Reproduced(r, exact)).ToArray();
        if (failed.Length == 0)
        {
            return null;
        }

        var reasons = failed.Select(r => $"Member {RunLookup.Describe(r.Member)}: " + (r.Result.Verdict.Status != Verdict.Reproduced
            ? VerdictReport.Divergence(r.Result, projectDirectory)
            : VerdictReport.ModelDiffers(r.Result)));
        return $"group '{group.GroupId}' did not reproduce: {failed.Length} of {results.Count} members did not " +
            $"({string.Join(", ", failed.Select(r => r.Member.RunId))}). " + string.Join(" ", reasons);
    }

    /// <summary>Why a cancelled group reproduction failed.</summary>
    public static string Cancelled(GroupRecord group, int reproduced) =>
        $"the reproduction of group {group.GroupId} was cancelled after {reproduced} member(s). Reproduce again.";

    private static IReadOnlyList<GroupMember> Reproducible(GroupRecord group)
    {
        var members = group.Completed.ToArray();
        return members.Length > 0 ? members : throw new ReproException(ErrorCode.FailedRunNotReproducible,
            $"no member of group '{group.GroupId}' completed, so it has no metrics to reproduce: train the group again once the failure is fixed.");
    }

    private static string Relative(string projectDirectory, string folder) => Path.GetRelativePath(projectDirectory, folder).Replace('\\', '/');
}
