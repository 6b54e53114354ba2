using Repro.Diagnostics;
using Repro.Registry;

namespace Repro.Core.Tests;

[TestClass]
public sealed class ModelRegistryTests
{
    private TempFolder _folder = null!;
    private ModelRegistry _registry = null!;

    [TestInitialize]
    public void Create()
    {
        _folder = new TempFolder();
        _registry = new ModelRegistry(Path.Combine(_folder.Path, "registry"));
    }

    [TestCleanup]
    public void Delete() => _folder.Dispose();

    [TestMethod]
    public void VersionsAreNumberedFromOneAndWrittenOnePerFile()
    {
        Register("iris", "20261122-051500-123-aaaaaa");
        Register("iris", "20261122-051500-124-bbbbbb");

        CollectionAssert.AreEqual(new[] { 1, 2 }, _registry.Versions("iris").Select(v => v.Version).ToArray());
        Assert.IsTrue(File.Exists(Path.Combine(_registry.Directory, "iris", "versions", "2.json")));
        Assert.AreEqual("20261122-051500-124-bbbbbb", _registry.Resolve("iris", "2").RunId);
    }

    [TestMethod]
    public void ConcurrentRegistrationsGetDistinctVersionsAndAllAreKept()
    {
        var runs = Enumerable.Range(0, 16).Select(i => $"20261122-051500-{i:000}-aaaaaa").ToArray();
        Parallel.ForEach(runs, run => Register("iris", run));

        var versions = _registry.Versions("iris");
        CollectionAssert.AreEqual(Enumerable.Range(1, 16).ToArray(), versions.Select(v => v.Version).ToArray());
        CollectionAssert.AreEquivalent(runs, versions.Select(v => v.RunId).ToArray());
    }

    [TestMethod]
    public void AliasesMoveAndKeepTheirHistory()
    {
        Register("iris", "20261122-051500-123-aaaaaa");
        Register("iris", "20261122-051500-124-bbbbbb");
        _registry.Promote("iris", 1, "production", DateTimeOffset.UnixEpoch);
        var moved = _registry.Promote("iris", 2, "production", DateTimeOffset.UnixEpoch.AddDays(1));

        Assert.AreEqual(2, _registry.Resolve("iris", "production").Version);
        CollectionAssert.AreEqual(new[] { 1, 2 }, moved.History.Select(h => h.Version).ToArray());
        Assert.AreEqual(1, _registry.Resolve("iris", "1").Version, "versions stay reachable by number");
    }

    [TestMethod]
    public void UnknownModelsVersionsAndAliasesAreCodedErrors()
    {
        Register("iris", "20261122-051500-123-aaaaaa");
        _registry.Promote("iris", 1, "staging", DateTimeOffset.UnixEpoch);

        StringAssert.Contains(Code(ErrorCode.UnknownModel, () => _registry.Resolve("wine", "1")), "it has: iris");
        var unknown = Code(ErrorCode.UnknownVersion, () => _registry.Resolve("iris", "production"));
        StringAssert.Contains(unknown, "Versions: 1");
        StringAssert.Contains(unknown, "staging → 1");
        Code(ErrorCode.UnknownVersion, () => _registry.Resolve("iris", "7"));
        Code(ErrorCode.UnknownVersion, () => _registry.Promote("iris", 7, "production", DateTimeOffset.UnixEpoch));
    }

    [TestMethod]
    [DataRow("../etc")]
    [DataRow("Iris")]
    [DataRow("a/b")]
    [DataRow("")]
    public void AModelNameIsNeverAPath(string model) => Code(ErrorCode.BadModelName, () => _registry.Resolve(model, "1"));

    [TestMethod]
    [DataRow("pro duction")]
    [DataRow("1st")]
    [DataRow("../x")]
    public void AnAliasIsASimpleIdentifier(string alias)
    {
        Register("iris", "20261122-051500-123-aaaaaa");
        Code(ErrorCode.BadAlias, () => _registry.Promote("iris", 1, alias, DateTimeOffset.UnixEpoch));
    }

    [TestMethod]
    public void AHandBrokenRegistryFileIsACodedErrorAndNothingIsLost()
    {
        Register("iris", "20261122-051500-123-aaaaaa");
        _registry.Promote("iris", 1, "production", DateTimeOffset.UnixEpoch);
        var alias = Path.Combine(_registry.Directory, "iris", "aliases", "production.json");
        File.WriteAllText(alias, "{ \"version\": 1, ");

        StringAssert.Contains(Code(ErrorCode.DamagedRegistry, () => _registry.Promote("iris", 1, "production", DateTimeOffset.UnixEpoch)), "production.json");
        Assert.AreEqual("{ \"version\": 1, ", File.ReadAllText(alias));
        Assert.HasCount(1, _registry.Versions("iris"));
    }

    private void Register(string model, string runId) =>
        _registry.Register(model, n => new ModelVersion(model, n, runId, "e", "runs/" + runId, new(StringComparer.Ordinal), null, false, DateTimeOffset.UnixEpoch));

    private static string Code(string code, Action action)
    {
        var error = Assert.ThrowsExactly<ReproException>(action);
        Assert.AreEqual(code, error.Code, error.Message);
        return error.Message;
    }
}
