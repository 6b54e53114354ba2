using Repro.Diagnostics;
using Repro.Processes;
using Repro.Records;
using Repro.Reproduction;
using Repro.SourceControl;

namespace Repro.Core.Tests;

/// <summary>source.patch: a dirty tree's changes, made without touching the user's index, applied back exactly.</summary>
[TestClass]
public sealed class SourcePatchTests
{
    // Bytes no text decoder may touch: NUL, a lone 0xFF, CR LF, a Latin-1 é that is not UTF-8.
    private static readonly byte[] Binary = [0, 1, 2, 0xFF, 0xFE, 13, 10, 0xE9, 0x80, 0];

    private TempFolder _repository = null!;

    [TestInitialize]
    public void CreateRepository()
    {
        _repository = new TempFolder();
        Git("init", "-q", "-b", "main");
        _repository.Write("project/Program.cs", "class P {}\n");
        _repository.Write("project/Old.cs", "class Old {}\n");
        _repository.Write("project/registry/models/m/1.json", "{}\n");
        File.WriteAllBytes(Path.Combine(ProjectFolder, "model.bin"), Binary);
        _repository.Write(".gitignore", "bin/\n");
        Git("add", "-A");
        Git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "first");
    }

    [TestCleanup]
    public void DeleteRepository() => _repository.Dispose();

    [TestMethod]
    public void ACleanTreeHasNoPatch()
    {
        var log = new TestLog();
        Assert.IsNull(Attach(log).Patch);
        Assert.AreEqual(0, log.Warnings.Count);
    }

    [TestMethod]
    public void ARunStoreAndRegistryInGitignoreStillGiveThePatch()
    {
        // The usual layout: runs/ and registry/ ignored. git add refuses a pathspec that names an ignored folder.
        _repository.Write(".gitignore", "bin/\nruns/\nregistry/\n");
        Git("add", ".gitignore");
        Git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "ignore the store");
        _repository.Write("project/Program.cs", "class P { int changed; }\n");
        _repository.Write("project/New.cs", "class New {}\n");
        _repository.Write("project/runs/20261122-051500-123-3f9a1c/run.json", "{}");
        var log = new TestLog();

        var stamp = Attach(log);

        Assert.AreEqual(0, log.Warnings.Count, string.Join("\n", log.Warnings.Select(w => w.Message)));
        using var runFolder = new TempFolder();
        stamp.RecordIn(runFolder.Path);
        var text = File.ReadAllText(Path.Combine(runFolder.Path, RunFiles.SourcePatch));
        StringAssert.Contains(text, "int changed;");
        StringAssert.Contains(text, "b/project/New.cs");
        Assert.IsFalse(text.Contains("runs/", StringComparison.Ordinal), "the run store is left out");
    }

    [TestMethod]
    public void ThePatchGivesBackTheDirtyTreeOnAFreshWorktreeOfTheCommit()
    {
        _repository.Write("project/Program.cs", "class P { int changed; }\n");
        File.WriteAllBytes(Path.Combine(ProjectFolder, "model.bin"), [.. Binary.Reverse(), 0x7F]);
        File.Delete(Path.Combine(ProjectFolder, "Old.cs"));
        File.WriteAllBytes(Path.Combine(ProjectFolder, "New.cs"), [.. "// caf"u8, 0xE9, (byte)'\n']);
        _repository.Write("project/bin/out.dll", "ignored");
        _repository.Write("project/runs/20261122-051500-123-3f9a1c/run.json", "{}");
        _repository.Write("project/registry/models/m/2.json", "{}\n");
        _repository.Write("project/registry/models/m/1.json", "{\"changed\": true}\n");
        var index = File.ReadAllBytes(Path.Combine(_repository.Path, ".git", "index"));

        var stamp = Attach(new TestLog());

        CollectionAssert.AreEqual(index, File.ReadAllBytes(Path.Combine(_repository.Path, ".git", "index")), "the user's index is untouched");
        Assert.AreEqual("?? project/New.cs", Git("status", "--porcelain", "--", "project/New.cs"), "New.cs stays untracked");
        var record = stamp.Patch!.Record;
        Assert.IsFalse(record.Truncated);
        using var runFolder = new TempFolder();
        var gitRecord = stamp.RecordIn(runFolder.Path);
        var patchFile = Path.Combine(runFolder.Path, RunFiles.SourcePatch);
        Assert.AreEqual(record, gitRecord.Patch);
        Assert.AreEqual(record.Sha256, Fingerprints.FileHash.Sha256(patchFile));
        Assert.AreEqual(new FileInfo(patchFile).Length, record.Bytes);
        var text = File.ReadAllText(patchFile);
        Assert.IsFalse(text.Contains("runs/", StringComparison.Ordinal), "the run store is left out");
        Assert.IsFalse(text.Contains("registry/", StringComparison.Ordinal), "the registry is left out");
        Assert.IsFalse(text.Contains("bin/", StringComparison.Ordinal), "ignored files are left out");

        using var worktree = CommitWorktree.Create(_repository.Path, stamp.Commit!, new TestLog());
        worktree.Apply(patchFile);
        var applied = Path.Combine(worktree.Path, "project");
        foreach (var file in new[] { "Program.cs", "model.bin", "New.cs", "registry/models/m/1.json" })
        {
            var expected = file.StartsWith("registry/", StringComparison.Ordinal) ? "{}\n"u8.ToArray() : File.ReadAllBytes(Path.Combine(ProjectFolder, file));
            CollectionAssert.AreEqual(expected, File.ReadAllBytes(Path.Combine(applied, file)), file);
        }

        Assert.IsFalse(File.Exists(Path.Combine(applied, "Old.cs")), "the deletion is applied");
        Assert.IsFalse(Directory.Exists(Path.Combine(applied, "runs")));
        Assert.IsFalse(File.Exists(Path.Combine(applied, "registry/models/m/2.json")));
    }

    [TestMethod]
    public void APatchThatDoesNotApplyIsItsOwnError()
    {
        _repository.Write("project/Program.cs", "class P { int changed; }\n");
        var stamp = Attach(new TestLog());
        using var runFolder = new TempFolder();
        stamp.RecordIn(runFolder.Path);
        _repository.Write("project/Program.cs", "class P { int other; }\n");
        Git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-am", "second");

        using var worktree = CommitWorktree.Create(_repository.Path, Git("rev-parse", "HEAD"), new TestLog());
        var error = Assert.ThrowsExactly<ReproException>(() => worktree.Apply(Path.Combine(runFolder.Path, RunFiles.SourcePatch)));
        Assert.AreEqual("REPRO0032", error.Code);
    }

    [TestMethod]
    public void APatchOverTheLimitIsNotKeptAndWarns()
    {
        _repository.Write("project/Program.cs", "class P { int changed; }\n");
        var log = new TestLog();

        var stamp = SourcePatch.Attach(GitProbe.Read(ProjectFolder, Excluded, null), Excluded, maxBytes: 100, log);

        var record = stamp.Patch!.Record;
        Assert.IsTrue(record.Truncated);
        Assert.IsNull(record.Sha256);
        Assert.IsGreaterThan(100L, record.Bytes);
        Assert.AreEqual(ErrorCode.SourcePatchNotKept, log.Warnings.Single().Code);
        using var runFolder = new TempFolder();
        Assert.AreEqual(record, stamp.RecordIn(runFolder.Path).Patch);
        Assert.IsFalse(File.Exists(Path.Combine(runFolder.Path, RunFiles.SourcePatch)));

        Assert.IsFalse(SourcePatch.Attach(GitProbe.Read(ProjectFolder, Excluded, null), Excluded, record.Bytes, log).Patch!.Record.Truncated,
            "a patch exactly at the limit is kept");
    }

    [TestMethod]
    public void TheLimitIsAWholeNumberOfBytes()
    {
        Assert.AreEqual(SourcePatch.DefaultMaxBytes, SourcePatch.ParseMaxBytes(""));
        Assert.AreEqual(0, SourcePatch.ParseMaxBytes("0"));
        Assert.AreEqual(1234, SourcePatch.ParseMaxBytes(" 1234 "));
        foreach (var bad in new[] { "-1", "10MB", "1e6", "1,000" })
        {
            Assert.AreEqual("REPRO0034", Assert.ThrowsExactly<ReproException>(() => SourcePatch.ParseMaxBytes(bad)).Code, bad);
        }
    }

    [TestMethod]
    public void TheNoteNamesTheChangesAndANewLockFile()
    {
        Assert.IsNull(DirtyTreeNote.Render(Attach(new TestLog()), ProjectFolder, null), "a clean tree gets no note");
        _repository.Write("project/Program.cs", "class P { int changed; }\n");
        _repository.Write("project/packages.lock.json", "{}");

        var note = DirtyTreeNote.Render(Attach(new TestLog()), ProjectFolder, Path.Combine(ProjectFolder, "packages.lock.json"));

        StringAssert.Contains(note, "Program.cs (modified), packages.lock.json (new, untracked)");
        StringAssert.Contains(note, "source.patch");
        StringAssert.Contains(note, "packages.lock.json was created by restore and is not committed: commit it (git add packages.lock.json)");
    }

    [TestMethod]
    public void TheNoteCountsWhatItDoesNotName()
    {
        for (var i = 0; i < DirtyTreeNote.NamedPaths + 2; i++)
        {
            _repository.Write($"project/File{i}.cs", "//");
        }

        var note = DirtyTreeNote.Render(Attach(new TestLog()), ProjectFolder, null);

        StringAssert.Contains(note, "File4.cs (new, untracked) and 2 more.");
        Assert.IsFalse(note!.Contains("was created by restore", StringComparison.Ordinal));
    }

    private string ProjectFolder => Path.Combine(_repository.Path, "project");

    private string[] Excluded => [Path.Combine(ProjectFolder, "runs"), Path.Combine(ProjectFolder, "registry")];

    private GitStamp Attach(TestLog log) =>
        SourcePatch.Attach(GitProbe.Read(ProjectFolder, Excluded, null), Excluded, SourcePatch.DefaultMaxBytes, log);

    private string Git(params string[] arguments)
    {
        var result = ChildProcess.Run("git", arguments, _repository.Path, TimeSpan.FromSeconds(30));
        Assert.AreEqual(0, result.ExitCode, result.StandardError);
        return result.StandardOutput.Trim();
    }
}
