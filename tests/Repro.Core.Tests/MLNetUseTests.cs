using System.Text.Json;
using Repro.Diagnostics;
using Repro.Threads;

namespace Repro.Core.Tests;

/// <summary>ML.NET is found where restore put it: in the closure of project.assets.json, however it arrived.</summary>
[TestClass]
public sealed class MLNetUseTests
{
    [TestMethod]
    public void ADirectReferenceIsFound()
    {
        var use = Find(Assets(["Microsoft.ML >= 5.0.1"], ("Microsoft.ML/5.0.1", "package", ["Microsoft.ML.CpuMath"]), ("Microsoft.ML.CpuMath/5.0.1", "package", [])));
        Assert.AreEqual(new MLNetUse("5.0.1", null, HasReproMLNet: false), use);
        Assert.AreEqual("ML.NET 5.0.1", use!.ToString());
    }

    [TestMethod]
    public void ALibraryThatReferencesItIsNamed()
    {
        var use = Find(Assets(["Pipeline >= 1.0.0", "Repro.Runtime >= 0.1.0"],
            ("Pipeline/1.0.0", "project", ["Microsoft.ML", "Repro.MLNet"]),
            ("Microsoft.ML/6.0.0", "package", []),
            ("Repro.MLNet/0.1.0", "package", ["Microsoft.ML"]),
            ("Repro.Runtime/0.1.0", "package", [])));
        Assert.AreEqual(new MLNetUse("6.0.0", "project Pipeline", HasReproMLNet: true), use);
        Assert.AreEqual("ML.NET 6.0.0 (through project Pipeline)", use!.ToString());
    }

    [TestMethod]
    public void AnotherPackageThatBringsItIsNamed() =>
        Assert.AreEqual("package Microsoft.ML.LightGbm", Find(Assets(["microsoft.ml.lightgbm >= 5.0.1"],
            ("Microsoft.ML.LightGbm/5.0.1", "package", ["Microsoft.ML", "Microsoft.ML.FastTree"]),
            ("Microsoft.ML.FastTree/5.0.1", "package", ["Microsoft.ML"]),
            ("Microsoft.ML/5.0.1", "package", [])))!.Via, "named as restore names it");

    [TestMethod]
    public void APackageNamedLikeItIsNotIt() =>
        Assert.IsNull(Find(Assets(["Microsoft.ML.OnnxRuntime >= 1.20.0"], ("Microsoft.ML.OnnxRuntime/1.20.0", "package", []))),
            "ONNX Runtime is not ML.NET: only the closure's Microsoft.ML counts");

    [TestMethod]
    public void TheFrameworksOwnTargetIsReadNotARuntimeSpecificOne()
    {
        var assets = """
            {"targets": {"net10.0/linux-x64": {"Microsoft.ML/5.0.1": {"type": "package"}}, "net10.0": {"Other/1.0.0": {"type": "package"}}},
             "projectFileDependencyGroups": {"net10.0": ["Other >= 1.0.0"]}}
            """;
        Assert.IsNull(Find(assets));
    }

    [TestMethod]
    public void NoAssetsFileIsNoMLNetAndAnUnreadableOneIsACodedError()
    {
        using var folder = new TempFolder();
        Assert.IsNull(MLNetUse.Find(Path.Combine(folder.Path, "project.assets.json"), "net10.0"));
        var error = Assert.ThrowsExactly<ReproException>(() => MLNetUse.Find(folder.Write("project.assets.json", "{\"targets\": 3"), "net10.0"));
        Assert.AreEqual(ErrorCode.UnreadableFile, error.Code);
        StringAssert.Contains(error.Message, "restore the project again");
    }

    [TestMethod]
    public void MLNetWithoutReproMLNetWarnsUnlessTheProjectSaysItWantsNone()
    {
        var log = new TestLog();
        new MLNetUse("5.0.1", "project Pipeline", HasReproMLNet: false).WarnWithoutReproMLNet(implicitMLNet: true, log);
        var warning = log.Warnings.Single();
        Assert.AreEqual("REPRO1007", warning.Code);
        StringAssert.Contains(warning.Message, "ML.NET 5.0.1 (through project Pipeline)");
        StringAssert.Contains(warning.Message, "<PackageReference Include=\"Repro.MLNet\"");

        var quiet = new TestLog();
        new MLNetUse("5.0.1", "project Pipeline", HasReproMLNet: false).WarnWithoutReproMLNet(implicitMLNet: false, quiet);
        new MLNetUse("5.0.1", "project Pipeline", HasReproMLNet: true).WarnWithoutReproMLNet(implicitMLNet: true, quiet);
        Assert.IsEmpty(quiet.Warnings);
    }

    private static MLNetUse? Find(string assets)
    {
        using var document = JsonDocument.Parse(assets);
        return MLNetUse.Find(document.RootElement, "net10.0");
    }

    private static string Assets(string[] direct, params (string Name, string Type, string[] Dependencies)[] libraries) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["targets"] = new Dictionary<string, object>
        {
            ["net10.0"] = libraries.ToDictionary(l => l.Name, l => (object)new Dictionary<string, object>
            {
                ["type"] = l.Type,
                ["dependencies"] = l.Dependencies.ToDictionary(d => d, _ => "1.0.0"),
            }),
        },
        ["projectFileDependencyGroups"] = new Dictionary<string, object> { ["net10.0"] = direct },
    });
}
