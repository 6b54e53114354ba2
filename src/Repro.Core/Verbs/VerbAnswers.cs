using Repro.Remotes;
using Repro.Runs;
using Repro.Views;

namespace Repro.Verbs;

/// <summary>
/// The text a read-only verb answers with, after "Project -> ": one function per verb, called by its MSBuild task and by
/// <c>dotnet repro</c>, so the two cannot drift apart.
/// </summary>
public static class VerbAnswers
{
    /// <summary>-t:Runs.</summary>
    public static string Runs(ProjectSettings settings, string? experiment, int last) =>
        $"{settings.RunsDirectory}/\n" + RunListing.Render(settings.Store, settings.Registry, experiment, last, RemoteShown(settings));

    /// <summary>-t:Models.</summary>
    public static string Models(ProjectSettings settings, string? model) => $"{settings.RegistryDirectory}/\n" + ModelListing.Render(settings.Registry, model);

    /// <summary>-t:Prune, once it removed <paramref name="removed"/>.</summary>
    public static string Pruned(ProjectSettings settings, IReadOnlyList<PartialRun> removed) =>
        $"{settings.RunsDirectory}/\n" + RunPruner.Describe(removed, settings.Store.Partials());

    /// <summary>-t:Verify's summary: its answer when every record is intact, its error's message when not.</summary>
    public static string Verified(ProjectSettings settings, Verification verification) => $"{settings.RunsDirectory}/\n" + StoreVerification.Describe(verification);

    /// <summary>-t:Report's page: <paramref name="reportFile"/> relative to the project, else index.html in the run store.</summary>
    public static string PagePath(ProjectSettings settings, string? reportFile) => string.IsNullOrWhiteSpace(reportFile)
        ? settings.Store.PagePath
        : Path.GetFullPath(Path.Combine(settings.ProjectDirectory, reportFile.Trim()));

    /// <summary>The remote as the listing names it; null when none is set.</summary>
    private static string? RemoteShown(ProjectSettings settings) =>
        settings.Remote is { } remote ? RemoteLocation.Parse(remote, settings.ProjectDirectory).ToString() : null;
}
