namespace Repro.SourceControl;

/// <summary>One path <c>git status</c> reports, relative to the repository root with '/' separators.</summary>
/// <param name="Status">The two status letters of <c>git status --porcelain</c>: "??" untracked, " M" modified…</param>
public sealed record GitChange(string Status, string Path)
{
    public bool Untracked => Status == "??";

    /// <summary>How the summary names the change.</summary>
    public string Kind => Untracked ? "new, untracked"
        : Status.Contains('D', StringComparison.Ordinal) ? "deleted"
        : Status.Contains('A', StringComparison.Ordinal) ? "added"
        : Status.Contains('R', StringComparison.Ordinal) ? "renamed"
        : "modified";

    /// <summary>Reads <c>git status --porcelain=v1 -z</c>: "XY path\0", and for a rename or copy "XY new\0old\0".</summary>
    public static IReadOnlyList<GitChange> Parse(string porcelain)
    {
        var changes = new List<GitChange>();
        var entries = porcelain.Split('\0');
        for (var i = 0; i < entries.Length; i++)
        {
            var entry = entries[i];
            if (entry.Length < 4)
            {
                continue;
            }

            var status = entry[..2];
            changes.Add(new GitChange(status, entry[3..]));
            if (status[0] is 'R' or 'C')
            {
                i++; // the path it was renamed or copied from
            }
        }

        return changes;
    }
}
