using System.Globalization;
using Repro.Diagnostics;
using Repro.Registry;
using Repro.Verbs;

namespace Repro.Serving;

/// <summary>One &lt;ModelReference&gt;: the version it names, the experiment project whose registry it is, its options.</summary>
public sealed record ModelRequest(ModelReference Reference, ProjectSettings Project, string? Artifact = null, bool AllowDirty = false);

/// <summary>How a build treats models.lock.json.</summary>
public enum LockMode
{
    /// <summary>Keep what the lock says while it still holds; resolve what it lacks or what no longer holds, and say so.</summary>
    Use,

    /// <summary>-p:ReproLockedMode=true (CI): a lock that does not hold fails the build; nothing moves.</summary>
    Locked,

    /// <summary>-t:UpdateModels: every reference resolved again, to what the registry says now.</summary>
    Update,
}

/// <summary>A reference whose lock entry moved: "iris-classifier@production: v2 (…) → v3 (…)"; Before or After null when added or removed.</summary>
public sealed record LockChange(string Reference, string? Before, string? After)
{
    public override string ToString() => $"{Reference}: {Before ?? "(not locked)"} → {After ?? "(no longer referenced)"}";
}

public sealed record LockOutcome(ModelLock Lock, IReadOnlyList<LockChange> Changes);

/// <summary>
/// Brings the lock to the references and the registry, as NuGet's restore brings packages.lock.json to the package
/// references: a lock entry holds while its reference still names its version (an alias that moved does not) and that
/// version is still that run and that file. A build moves what no longer holds and says old → new; in locked mode
/// (CI) anything that does not hold is an error, so a service ships what its commit says; -t:UpdateModels moves it.
/// </summary>
public static class ModelLockUpdate
{
    public static LockOutcome Apply(IReadOnlyList<ModelRequest> requests, ModelLock? current, LockMode mode)
    {
        foreach (var twice in requests.GroupBy(r => r.Reference.ToString(), StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            throw new ReproException(ErrorCode.BadModelReference, $"the project references {twice.Key} {twice.Count()} times: keep one <ModelReference Include=\"{twice.Key}\">.");
        }

        var locked = new List<LockedModel>();
        var changes = new List<LockChange>();
        var problems = new List<string>();
        if (mode == LockMode.Locked && current is null)
        {
            problems.Add($"there is no {ModelLock.FileName}");
        }

        foreach (var request in requests)
        {
            var reference = request.Reference.ToString();
            var entry = mode == LockMode.Update ? null : current?.Find(reference);
            var why = entry is null ? null : Holds(entry, request);
            if (entry is not null && why is null)
            {
                locked.Add(entry);
                continue;
            }

            if (mode == LockMode.Locked)
            {
                problems.Add(entry is null ? $"it has no entry for {reference}" : $"its entry for {reference} no longer holds: {why}");
                continue;
            }

            var resolved = LockedModel.Of(ModelResolver.Resolve(request.Project, request.Reference, request.Artifact, request.AllowDirty));
            var before = current?.Find(reference);
            if (before is null || before.Version != resolved.Version || before.Sha256 != resolved.Sha256 || before.RunId != resolved.RunId)
            {
                changes.Add(new LockChange(reference, before?.Describe(), resolved.Describe()));
            }

            locked.Add(resolved);
        }

        foreach (var gone in (current?.Models ?? []).Where(m => requests.All(r => r.Reference.ToString() != m.Reference)))
        {
            if (mode == LockMode.Locked)
            {
                problems.Add($"it locks {gone.Reference}, which the project no longer references");
            }
            else
            {
                changes.Add(new LockChange(gone.Reference, gone.Describe(), null));
            }
        }

        if (problems.Count > 0)
        {
            throw new ReproException(ErrorCode.ModelLockMismatch,
                $"locked mode (ReproLockedMode, on when CI=true): {ModelLock.FileName} does not match the model references or the registry — {string.Join("; ", problems)}. " +
                "Run `dotnet build -t:UpdateModels` (or a build without locked mode) and commit the lock it writes.");
        }

        return new LockOutcome(new ModelLock(ModelLock.CurrentVersion, locked), changes);
    }

    /// <summary>Why a lock entry no longer matches the registry, or null when the reference still names that version, and the version that run and that file.</summary>
    private static string? Holds(LockedModel entry, ModelRequest request)
    {
        if (entry.Name != request.Reference.Model)
        {
            return $"it names model '{entry.Name}'";
        }

        if (Resolve(request, request.Reference) is { } named && named.Version != entry.Version)
        {
            return $"{request.Reference} is v{named.Version} in the registry now, and the lock says v{entry.Version}";
        }

        try
        {
            var now = ModelResolver.Resolve(request.Project, new ModelReference(entry.Name, entry.Version.ToString(CultureInfo.InvariantCulture)), request.Artifact, request.AllowDirty);
            return now.RunId != entry.RunId ? $"v{entry.Version} is run {now.RunId} in the registry, not {entry.RunId}"
                : now.Sha256 != entry.Sha256 || now.Artifact != entry.Artifact ? $"v{entry.Version}'s model file is {now.Artifact} sha256 {now.Sha256[..12]}…, not {entry.Artifact} {entry.Sha256[..12]}…"
                : null;
        }
        catch (ReproException e)
        {
            return $"{e.Code}: {e.Message}";
        }
    }

    /// <summary>What the reference names today, or null when it names nothing resolvable (then the lock's entry is what stands).</summary>
    private static ResolvedModel? Resolve(ModelRequest request, ModelReference reference)
    {
        try
        {
            return ModelResolver.Resolve(request.Project, reference, request.Artifact, request.AllowDirty);
        }
        catch (ReproException)
        {
            return null;
        }
    }
}
