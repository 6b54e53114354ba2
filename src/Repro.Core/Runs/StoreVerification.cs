using System.Globalization;
using System.Text;
using Repro.Diagnostics;
using Repro.Groups;
using Repro.Registry;

namespace Repro.Runs;

/// <summary>One record that is not what it says: a run, a group or a registry file.</summary>
/// <param name="Kind">"run", "group" or "registry".</param>
public sealed record RecordProblem(string Kind, string Id, string Code, string Message);

/// <summary>What <see cref="StoreVerification.Verify"/> found.</summary>
/// <param name="NotLocal">Intact runs whose artifacts (some or all) are on a remote, not in their folder: not damage.</param>
/// <param name="Interrupted">Unfinished folders whose build is gone: no records, so not damage; Prune removes them.</param>
public sealed record Verification(int Runs, int Groups, int Models, IReadOnlyList<RecordProblem> Problems, int NotLocal, int Interrupted)
{
    public bool Intact => Problems.Count == 0;
}

/// <summary>
/// -t:Verify: every record proven as Reproduce proves one before it re-runs it (files against run.json's hashes,
/// metrics against metrics.json), every group and registry file read strictly. For CI: it fails when anything is
/// damaged, and names each record and why.
/// </summary>
public static class StoreVerification
{
    public static Verification Verify(RunStore store, ModelRegistry registry)
    {
        var problems = new List<RecordProblem>();
        var ids = store.RunIds();
        var notLocal = 0;
        foreach (var id in ids)
        {
            var folder = store.Folder(id);
            try
            {
                // Artifacts left on a remote are fine here; those present must hash to what the record says.
                var record = RecordIntegrity.ReadAnyStatus(folder, needArtifacts: false);
                notLocal += Remotes.LocalArtifacts.Missing(folder, record).Count > 0 ? 1 : 0;
            }
            catch (ReproException e)
            {
                problems.Add(new RecordProblem("run", id, e.Code, e.Message));
            }
        }

        var groups = new GroupStore(store);
        var groupIds = groups.Ids();
        foreach (var id in groupIds.Reverse())
        {
            try
            {
                groups.Read(id);
            }
            catch (ReproException e)
            {
                problems.Add(new RecordProblem("group", id, e.Code, e.Message));
            }
        }

        var models = 0;
        try
        {
            foreach (var model in registry.Models())
            {
                models++;
                try
                {
                    _ = registry.Versions(model);
                    _ = registry.Aliases(model);
                }
                catch (ReproException e)
                {
                    problems.Add(new RecordProblem("registry", model, e.Code, e.Message));
                }
            }
        }
        catch (ReproException e)
        {
            problems.Add(new RecordProblem("registry", registry.Directory, e.Code, e.Message));
        }

        var interrupted = store.Partials().Count(p => p.State == PartialState.Interrupted);
        return new Verification(ids.Count, groupIds.Count, models, problems, notLocal, interrupted);
    }

    /// <summary>"12 runs, 2 groups, 1 model: all intact", then each damaged record and why.</summary>
    public static string Describe(Verification verification)
    {
        var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture,
            $"{verification.Runs} run(s), {verification.Groups} group(s), {verification.Models} model(s): "));
        text.Append(verification.Intact ? "all intact" : $"{verification.Problems.Count} damaged:");
        foreach (var problem in verification.Problems)
        {
            text.Append('\n').Append(CultureInfo.InvariantCulture, $"  {problem.Kind} {problem.Id}  {problem.Code}: {problem.Message}");
        }

        if (verification.NotLocal > 0)
        {
            text.Append('\n').Append(CultureInfo.InvariantCulture, $"  {verification.NotLocal} intact run(s) have artifacts on the remote, not in their folder: -t:Pull brings them");
        }

        if (verification.Interrupted > 0)
        {
            text.Append('\n').Append(CultureInfo.InvariantCulture, $"  {verification.Interrupted} interrupted run(s) are no records ({ErrorCode.InterruptedRun}): -t:Prune removes them");
        }

        return text.ToString();
    }
}
