using Repro.Diagnostics;
using Repro.Fingerprints;
using Repro.Records;
using Repro.Registry;
using Repro.Serving;

namespace Repro.Core.Tests.Serving;

[TestClass]
public sealed class ModelResolverTests : ServingFixture
{
    [TestMethod]
    public void AnAliasResolvesToItsVersionItsRunAndTheFileTheRunRecorded()
    {
        Registered(1, "model one");
        var (two, _) = Registered(2, "model two");
        Promote(2);

        var model = ModelResolver.Resolve(Project, Ref("iris@production"));

        Assert.AreEqual((2, "production", two.RunId, "artifacts/model.bin"), (model.Version, model.Alias, model.RunId, model.Artifact));
        Assert.AreEqual(two.Artifacts[0].Sha256, model.Sha256);
        Assert.AreEqual($"iris@production (v2, run {two.RunId}, sha256 {two.Artifacts[0].Sha256[..12]}…)", model.ToString());
        Assert.AreEqual("iris@2", model.Pinned.ToString());
        Assert.IsNull(ModelResolver.Resolve(Project, Ref("iris@1")).Alias, "a number goes through no alias");
    }

    [TestMethod]
    public void AVersionIsNamedByItsModelFilesHashAsByItsNumber()
    {
        Registered(1, "model one");
        var (two, version) = Registered(2, "model two");
        Assert.AreEqual(two.Artifacts[0], version.Artifact, "Register keeps the model file the version serves");

        var hash = two.Artifacts[0].Sha256;
        Assert.AreEqual(2, ModelResolver.Resolve(Project, Ref($"iris@sha256:{hash[..8]}")).Version);
        Assert.AreEqual(2, ModelResolver.Resolve(Project, Ref($"iris@sha256:{hash.ToUpperInvariant()}")).Version);
        StringAssert.Contains(Code(ErrorCode.UnknownVersion, () => ModelResolver.Resolve(Project, Ref($"iris@sha256:{hash[..7]}"))), "at least 8 hex digits");
        var none = Code(ErrorCode.UnknownVersion, () => ModelResolver.Resolve(Project, Ref("iris@sha256:00000000")));
        StringAssert.Contains(none, "no version of 'iris'");
        StringAssert.Contains(none, $"2 (sha256:{hash[..12]})");
    }

    [TestMethod]
    public void ARunMissingFailedOrDirtyServesNothingAndSaysWhatToDo()
    {
        var (missing, _) = Registered(1, "one");
        var (failed, _) = Registered(2, "two");
        Registered(3, "three", run => run with { Git = run.Git with { Dirty = true } });
        Directory.Delete(Store.Folder(missing.RunId), recursive: true);
        Rewrite(failed with { Status = RunStatus.Failed });

        StringAssert.Contains(Code(ErrorCode.NotServable, () => ModelResolver.Resolve(Project, Ref("iris@1"))), "not in the run store");
        StringAssert.Contains(Code(ErrorCode.NotServable, () => ModelResolver.Resolve(Project, Ref("iris@2"))), "which failed");
        StringAssert.Contains(Code(ErrorCode.NotServable, () => ModelResolver.Resolve(Project, Ref("iris@3"))), "AllowDirty");
        Assert.AreEqual(3, ModelResolver.Resolve(Project, Ref("iris@3"), allowDirty: true).Version);
    }

    [TestMethod]
    public void ARunWithSeveralModelFilesServesTheOneNamed()
    {
        var (run, version) = Registered(1, "one", run => run with
        {
            Artifacts = [.. run.Artifacts, Extra(run, "artifacts/model.zip", "the other model")],
        });
        Assert.IsNull(version.Artifact, "Register names no file when two are named model.*");

        var unnamed = Code(ErrorCode.NoModelFile, () => ModelResolver.Resolve(Project, Ref("iris@1")));
        StringAssert.Contains(unnamed, "2 artifacts named model.*");
        StringAssert.Contains(unnamed, "artifacts/model.bin, artifacts/model.zip");
        Assert.AreEqual("artifacts/model.zip", ModelResolver.Resolve(Project, Ref("iris@1"), "artifacts/model.zip").Artifact);
        Assert.AreEqual("artifacts/model.zip", ModelResolver.Resolve(Project, Ref("iris@1"), "model.zip").Artifact, "a path in artifacts/ needs no folder");
        StringAssert.Contains(Code(ErrorCode.NoModelFile, () => ModelResolver.Resolve(Project, Ref("iris@1"), "artifacts/nope.zip")), "no artifact 'artifacts/nope.zip'");
        Assert.AreEqual(run.RunId, Registration.Register(Store, Registry, run.RunId, "iris", false, Folder.Path, artifact: "artifacts/model.zip").RunId);
        Assert.AreEqual("artifacts/model.zip", ModelResolver.Resolve(Project, Ref("iris@2")).Artifact, "the version names its file");
    }

    [TestMethod]
    public void AVersionWhoseFileIsNotWhatItsRunRecordedIsRefused()
    {
        var (_, version) = Registered(1, "one");
        var path = Path.Combine(Registry.Directory, "iris", "versions", "1.json");
        File.WriteAllText(path, File.ReadAllText(path).Replace(version.Artifact!.Sha256, new string('0', 64), StringComparison.Ordinal));

        StringAssert.Contains(Code(ErrorCode.ModelFileChanged, () => ModelResolver.Resolve(Project, Ref("iris@1"))), "the registry or the run record was edited");
    }

    /// <summary>Writes another artifact into the run's folder and gives its fingerprint.</summary>
    private FileFingerprint Extra(RunRecord run, string path, string content)
    {
        var folder = Store.Folder(run.RunId);
        File.WriteAllText(Path.Combine(folder, path), content);
        return FileFingerprint.Of(folder, [path])[0];
    }

    private static string Code(string code, Action action)
    {
        var error = Assert.ThrowsExactly<ReproException>(action);
        Assert.AreEqual(code, error.Code, error.Message);
        return error.Message;
    }
}
