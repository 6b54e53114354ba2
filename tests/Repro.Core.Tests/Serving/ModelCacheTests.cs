using Repro.Diagnostics;
using Repro.Fingerprints;
using Repro.Remotes;
using Repro.Serving;
using Repro.Verbs;

namespace Repro.Core.Tests.Serving;

[TestClass]
public sealed class ModelCacheTests : ServingFixture
{
    private int _hashed;

    private string CacheDirectory => Path.Combine(Folder.Path, "cache");

    private ModelCache Cache(TestLog? log = null) => new(CacheDirectory, log ?? new TestLog(), path =>
    {
        Interlocked.Increment(ref _hashed);
        return FileHash.Sha256(path);
    });

    [TestMethod]
    public void AModelEntersTheCacheByItsContentProvenAndIsKnownByItsStatFromThen()
    {
        var (run, _) = Registered(1, "the model");
        var model = ModelResolver.Resolve(Project, Ref("iris@1"));

        var path = Cache().Ensure(model, Project, NoRemote);
        Assert.AreEqual(Path.Combine(CacheDirectory, model.Sha256[..2], model.Sha256), path);
        Assert.AreEqual("the model", File.ReadAllText(path));
        Assert.AreEqual(0, _hashed, "proven while copied: not read again");
        Assert.IsFalse(Directory.Exists(Path.Combine(CacheDirectory, ".staging")), "no staging is left behind");

        Assert.AreEqual(path, Cache().Ensure(model, Project, NoRemote));
        Assert.AreEqual(path, Cache().Ensure(model, Project, NoRemote));
        Assert.AreEqual(0, _hashed, "the next builds know it by its stat: no model bytes are read");
        Assert.AreEqual(run.Artifacts[0].Sha256, FileHash.Sha256(path));

        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(-1)); // touched: the stat no longer says what it was
        Assert.AreEqual(path, Cache().Ensure(model, Project, NoRemote));
        Assert.AreEqual(1, _hashed, "a file whose stat moved is read again");
    }

    [TestMethod]
    public void AModelChangedInTheRunStoreIsRefusedAndNeverCached()
    {
        var (run, _) = Registered(1, "the model");
        var model = ModelResolver.Resolve(Project, Ref("iris@1"));
        File.WriteAllText(Path.Combine(Store.Folder(run.RunId), "artifacts", "model.bin"), "another model");

        var error = Assert.ThrowsExactly<ReproException>(() => Cache().Ensure(model, Project, NoRemote));
        Assert.AreEqual(ErrorCode.ModelFileChanged, error.Code);
        StringAssert.Contains(error.Message, "has changed since run");
        Assert.IsFalse(File.Exists(Cache().PathOf(model.Sha256)));
        Assert.IsFalse(Directory.Exists(Path.Combine(CacheDirectory, ".staging")));
    }

    [TestMethod]
    public void ACachedCopyThatChangedIsReplacedByAProvenOne()
    {
        Registered(1, "the model");
        var model = ModelResolver.Resolve(Project, Ref("iris@1"));
        var path = Cache().Ensure(model, Project, NoRemote);
        File.WriteAllText(path, "tampered");

        var log = new TestLog();
        Assert.AreEqual(path, Cache(log).Ensure(model, Project, NoRemote));
        Assert.AreEqual("the model", File.ReadAllText(path));
        StringAssert.Contains(log.Messages.Single(), "had changed: it is fetched again");
    }

    [TestMethod]
    public void AModelOnlyOnTheRemoteIsPulledProvenAndWithoutARemoteTheErrorSaysWhereToSetOne()
    {
        var (run, _) = Registered(1, "the model");
        var model = ModelResolver.Resolve(Project, Ref("iris@1"));
        var remote = Directory.CreateDirectory(Path.Combine(Folder.Path, "remote")).FullName;
        RunPush.Push(Store, new FolderRemote(remote), run.RunId, new TestLog());
        File.Delete(Path.Combine(Store.Folder(run.RunId), "artifacts", "model.bin")); // a clone has the record, not the model

        var missing = Assert.ThrowsExactly<ReproException>(() => Cache().Ensure(model, Project, NoRemote));
        Assert.AreEqual(ErrorCode.ArtifactsNotLocal, missing.Code);
        StringAssert.Contains(missing.Message, "<ReproRemote>");

        var log = new TestLog();
        var project = Project with { Remote = remote };
        var path = Cache(log).Ensure(model, project, p => new FolderRemote(p.Remote!));
        Assert.AreEqual("the model", File.ReadAllText(path));
        StringAssert.Contains(log.Messages[^1], "pulled iris@1");

        File.Delete(path);
        File.WriteAllText(Path.Combine(remote, RemoteKeys.Content(model.Sha256)), "altered on the remote");
        Assert.AreEqual(ErrorCode.RemoteContentMismatch, Assert.ThrowsExactly<ReproException>(() => Cache().Ensure(model, project, p => new FolderRemote(p.Remote!))).Code);
        Assert.IsFalse(File.Exists(path), "a blob that is not the recorded one never enters the cache");
    }

    private static IRemoteStore? NoRemote(ProjectSettings project) => null;
}
