using Repro.Diagnostics;
using Repro.Processes;
using Repro.Reproduction;
using Repro.SourceControl;

namespace Repro.Core.Tests;

[TestClass]
public sealed class GitProbeTests
{
    private TempFolder _repository = null!;

    [TestInitialize]
    public void CreateRepository()
    {
        _repository = new TempFolder();
        Git("init", "-q", "-b", "main");
        _repository.Write("project/Program.cs", "class P {}");
        _repository.Write(".gitignore", "bin/\n");
        Git("add", "-A");
        Git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "first");
    }

    [TestCleanup]
    public void DeleteRepository() => _repository.Dispose();

    [TestMethod]
    public void ACommitThatCannotBeCheckedOutOrBuiltIsBuildAtCommitFailed()
    {
        var missing = Assert.ThrowsExactly<ReproException>(() => CommitWorktree.Create(_repository.Path, new string('b', 40), new TestLog()));
        Assert.AreEqual("REPRO0027", missing.Code);
        StringAssert.Contains(missing.Message, "git fetch");

        using var worktree = CommitWorktree.Create(_repository.Path, Git("rev-parse", "HEAD"), new TestLog());
        Assert.IsTrue(File.Exists(Path.Combine(worktree.Path, "project", "Program.cs")));
        var noHost = Path.Combine(_repository.Path, "no-such-dotnet");
        Assert.AreEqual("REPRO0027",
            Assert.ThrowsExactly<ReproException>(() => worktree.Build(noHost, Path.Combine(worktree.Path, "project", "p.csproj"), "Debug")).Code);
    }

    [TestMethod]
    public void ACleanTreeIsStampedWithHeadAndBranch()
    {
        var stamp = Read();
        Assert.AreEqual(Git("rev-parse", "HEAD"), stamp.Commit);
        Assert.IsFalse(stamp.Dirty);
        Assert.AreEqual("main", stamp.Branch);
        Assert.IsNull(stamp.UnknownReason);
    }

    [TestMethod]
    public void AChangedFileMakesItDirty()
    {
        _repository.Write("project/Program.cs", "class Q {}");
        Assert.IsTrue(Read().Dirty);
    }

    [TestMethod]
    public void AnUntrackedFileMakesItDirty()
    {
        _repository.Write("project/New.cs", "class N {}");
        Assert.IsTrue(Read().Dirty);
    }

    [TestMethod]
    public void TheRunStoreAndIgnoredFilesDoNotCount()
    {
        _repository.Write("project/runs/20261122-051500-123-3f9a1c/run.json", "{}");
        _repository.Write("project/bin/out.dll", "x");
        Assert.IsFalse(Read().Dirty);
    }

    [TestMethod]
    public void TheRegistryDoesNotCount()
    {
        _repository.Write("project/registry/models/m/1.json", "{}");
        Assert.IsFalse(Read().Dirty);
        Assert.IsTrue(GitProbe.Read(ProjectFolder, [Path.Combine(ProjectFolder, "runs")], null).Dirty, "only because it is excluded");
    }

    [TestMethod]
    public void TheChangesAreNamedWithTheirStatus()
    {
        _repository.Write("project/Program.cs", "class Q {}");
        _repository.Write("project/New.cs", "class N {}");
        CollectionAssert.AreEqual(
            new[] { new GitChange(" M", "project/Program.cs"), new GitChange("??", "project/New.cs") },
            Read().Changes.ToArray());
    }

    [TestMethod]
    public void TheSdksCommitIsUsedWhenItHasOne()
    {
        var sdkCommit = new string('a', 40);
        Assert.AreEqual(sdkCommit, GitProbe.Read(ProjectFolder, null, sdkCommit.ToUpperInvariant()).Commit);
        Assert.AreEqual(Git("rev-parse", "HEAD"), GitProbe.Read(ProjectFolder, null, "not-a-sha").Commit);
    }

    [TestMethod]
    public void ADetachedHeadHasNoBranch()
    {
        Git("checkout", "-q", "--detach");
        Assert.IsNull(Read().Branch);
    }

    [TestMethod]
    public void OutsideARepositoryTheStateIsUnknownAndSaysWhy()
    {
        using var outside = new TempFolder();
        var stamp = GitProbe.Read(outside.Path, null, null);
        Assert.IsNull(stamp.Commit);
        Assert.IsNull(stamp.Dirty);
        StringAssert.Contains(stamp.UnknownReason, "not inside a git repository");
    }

    private string ProjectFolder => Path.Combine(_repository.Path, "project");

    private GitStamp Read() => GitProbe.Read(ProjectFolder, [Path.Combine(ProjectFolder, "runs"), Path.Combine(ProjectFolder, "registry")], null);

    private string Git(params string[] arguments)
    {
        var result = ChildProcess.Run("git", arguments, _repository.Path, TimeSpan.FromSeconds(30));
        Assert.AreEqual(0, result.ExitCode, result.StandardError);
        return result.StandardOutput.Trim();
    }
}
