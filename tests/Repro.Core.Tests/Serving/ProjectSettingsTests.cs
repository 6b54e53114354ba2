using Repro.Verbs;

namespace Repro.Core.Tests.Serving;

/// <summary>What a build writes of its project, for what reads the project without building it (an application's ModelReference).</summary>
[TestClass]
public sealed class ProjectSettingsTests
{
    [TestMethod]
    public void ABuiltProjectIsReadAsItsBuildWroteItEvenAfterItsFolderMoved()
    {
        using var folder = new TempFolder();
        var here = Directory.CreateDirectory(Path.Combine(folder.Path, "here")).FullName;
        var settings = new ProjectSettings(Path.Combine(here, "Iris.csproj"), "records", "models", "azblob://team/iris", 8);
        settings.Write();
        var path = Path.Combine(here, ProjectSettings.FileName);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(-1));
        var before = File.GetLastWriteTimeUtc(path);
        settings.Write();
        Assert.AreEqual(before, File.GetLastWriteTimeUtc(path), "settings that did not change are not written again");

        Assert.AreEqual(settings, ProjectSettings.Of(here));
        var moved = Path.Combine(folder.Path, "clone");
        Directory.Move(here, moved);
        var read = ProjectSettings.Of(moved);
        Assert.AreEqual(Path.Combine(moved, "Iris.csproj"), read.ProjectFile);
        Assert.AreEqual(Path.Combine(moved, "records"), read.Store.Directory);
    }

    [TestMethod]
    public void AProjectNeverBuiltOrWithUnreadableSettingsHasTheDefaults()
    {
        using var folder = new TempFolder();
        folder.Write("Iris.fsproj", "<Project />");

        var never = ProjectSettings.Of(folder.Path);
        Assert.AreEqual((Path.Combine(folder.Path, "Iris.fsproj"), "runs", "registry", (string?)null), (never.ProjectFile, never.RunsDirectory, never.RegistryDirectory, never.Remote));

        folder.Write(ProjectSettings.FileName, "{ \"projectFile\": 3 ");
        Assert.AreEqual(never, ProjectSettings.Of(folder.Path), "settings that cannot be read are a stale cache: ignored");
    }
}
