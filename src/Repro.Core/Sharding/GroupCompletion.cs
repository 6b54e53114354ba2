using System.Text;
using Repro.Diagnostics;
using Repro.Groups;
using Repro.Records;
using Repro.Runs;
using Repro.Training;

namespace Repro.Sharding;

/// <summary>A member of a sharded group found in the run store.</summary>
/// <param name="UpToDate">Its shard found it on record (a member note says it belongs), rather than training it.</param>
public sealed record ShardedMember(RunRecord Record, string Folder, bool UpToDate);

/// <summary>
/// A group trained in shards, as the local run store has it: one slot per planned member (every seed at every grid
/// point, in plan order), filled where that member's run is here.
/// </summary>
/// <param name="Recorded">Its group.json is written: every member met here (or in the Train whose shard held them all).</param>
public sealed record ShardedGroup(string GroupId, string Experiment, ShardedGroupPlan Plan, IReadOnlyList<ShardedMember?> Slots, bool Recorded)
{
    public int Planned => Slots.Count;

    public int Present => Slots.Count(s => s is not null);

    public bool Complete => Present == Planned;
}

/// <summary>
/// Records the groups that shards trained apart once their members meet in one run store (after -t:Pull brought
/// the other shards' runs): each shard only recorded its members, each naming the group and carrying its plan.
/// </summary>
public static class GroupCompletion
{
    private static readonly byte[] GroupPlanField = Encoding.UTF8.GetBytes("\"groupPlan\"");

    /// <summary>
    /// Writes every group whose members are all in <paramref name="store"/> and which has no group.json yet, with its
    /// statistics over all members, as a Train that trained them all would have. Returns what it wrote, oldest first.
    /// </summary>
    /// <param name="projectFile">The project's full path: the group's Train and Reproduce commands name it.</param>
    public static IReadOnlyList<GroupOutcome> CompleteAll(RunStore store, string projectFile, IRunLog log)
    {
        var groups = new GroupStore(store);
        var written = new List<GroupOutcome>();
        foreach (var group in Survey(store).Where(g => g.Complete && !g.Recorded && !groups.Exists(g.GroupId)))
        {
            var members = group.Slots.Select(s => s!).ToArray();
            var plan = group.Plan.For(group.Experiment);
            // The runs trained in this group say when and from which commit; members on record from before do not.
            var own = members.Where(m => m.Record.Group == group.GroupId).DefaultIfEmpty(members[0]).ToArray();
            var git = own[0].Record.Git;
            var outcome = GroupRecorder.Write(groups, log, projectFile, plan, group.GroupId, own.Min(m => m.Record.StartedAt),
                new GitRecord(git.Commit, git.Dirty, git.Branch, git.UnknownReason),
                ReproduceCommand.ForGroup(plan, own[0].Record.Overrides, projectFile),
                members.Select(m => Member(group, m)).ToArray(),
                GroupRecorder.FirstLogged(members.Select(m => (m.Record, m.Folder))));
            log.Progress($"recorded group {group.GroupId} of {group.Experiment}: all {group.Planned} members are here");
            written.Add(outcome);
        }

        return written;
    }

    /// <summary>
    /// Every group trained in shards that has a member here, oldest first, recorded or not. Reads run.json only where
    /// it names a group plan, and member notes; a folder unchanged since the last survey is only stat-ed (<see cref="SurveyCache"/>).
    /// </summary>
    /// <param name="runIds">The store's run ids, when the caller has just listed them; else they are listed here.</param>
    public static IReadOnlyList<ShardedGroup> Survey(RunStore store, IReadOnlyList<string>? runIds = null)
    {
        var found = new Dictionary<string, (ShardedGroupPlan Plan, string Experiment, List<ShardedMember> Runs)>(StringComparer.Ordinal);
        void Add(string groupId, ShardedGroupPlan plan, ShardedMember member)
        {
            if (!found.TryGetValue(groupId, out var entry))
            {
                found[groupId] = entry = (plan, member.Record.Experiment, []);
            }

            entry.Runs.Add(member);
        }

        // Finding the few runs that belong to a sharded group looks at every run folder: a stat where the cache knows the
        // folder, else a listing and a read of run.json. On all cores, each answer in its run's slot, then taken in id
        // order below, so the survey is the same whatever the threads did.
        var ids = runIds ?? store.RunIds();
        var cache = SurveyCache.Open(store);
        var stamps = new SurveyStamp[ids.Count];
        var candidates = new SurveyFinding[ids.Count];
        Parallel.For(0, ids.Count, i =>
        {
            var folder = store.Folder(ids[i]);
            stamps[i] = SurveyCache.Stamp(folder);
            candidates[i] = cache.Find(ids[i], stamps[i]) ?? new SurveyFinding(
                Directory.GetFiles(folder, GroupMemberNote.Prefix + "*.json").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray(),
                NamesGroupPlan(folder));
        });
        cache.Save(ids, stamps, candidates);

        for (var i = 0; i < ids.Count; i++)
        {
            var (id, folder) = (ids[i], store.Folder(ids[i]));
            var (notes, trained) = (candidates[i].Notes.Select(note => Path.Combine(folder, note)).ToArray(), candidates[i].Trained);
            if (notes.Length == 0 && !trained)
            {
                continue;
            }

            if (store.Read(id).Record is not { } record)
            {
                continue;
            }

            if (record is { Group: { } groupId, GroupPlan: { } plan })
            {
                Add(groupId, plan, new ShardedMember(record, folder, UpToDate: false));
            }

            foreach (var note in notes.Select(GroupMemberNotes.ReadOrNull).OfType<GroupMemberNote>()
                .Where(n => n.RunId == record.RunId && n.GroupId != record.Group))
            {
                Add(note.GroupId, note.Plan, new ShardedMember(record, folder, UpToDate: true));
            }
        }

        var groups = new GroupStore(store);
        return found.OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ShardedGroup(g.Key, g.Value.Experiment, g.Value.Plan, Slots(g.Value.Plan, g.Value.Runs), groups.Exists(g.Key)))
            .ToArray();
    }

    /// <summary>
    /// The run of each planned member, in plan order: the newest completed or failed run of that seed and grid point
    /// (a shard run again replaces its failed members); a cancelled run is no member, as a cancelled Train records no group.
    /// </summary>
    private static ShardedMember?[] Slots(ShardedGroupPlan plan, List<ShardedMember> runs) =>
        SweepGrid.Points(plan.Sweep)
            .SelectMany(point => plan.Seeds.Select(seed => runs
                .Where(r => r.Record.Seed == seed && r.Record.Status is RunStatus.Completed or RunStatus.Failed
                    && point.All(p => r.Record.Params.TryGetValue(p.Key, out var value) && value == p.Value))
                .MaxBy(r => r.Record.RunId, StringComparer.Ordinal)))
            .ToArray();

    private static GroupMember Member(ShardedGroup group, ShardedMember member)
    {
        var point = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var axis in group.Plan.Sweep)
        {
            point[axis.Name] = member.Record.Params[axis.Name];
        }

        return new GroupMember(member.Record.RunId, member.Record.Seed, point, member.Record.Status, member.Record.Metrics, member.UpToDate);
    }

    /// <summary>Whether run.json names a group plan: a byte search, so the thousands of runs trained alone are not parsed.</summary>
    private static bool NamesGroupPlan(string folder)
    {
        try
        {
            return File.ReadAllBytes(Path.Combine(folder, RunFiles.Run)).AsSpan().IndexOf(GroupPlanField) >= 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
