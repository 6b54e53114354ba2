using System.Security.Cryptography;
using System.Text;
using Repro.Diagnostics;
using Repro.Fingerprints;

namespace Repro.Core.Tests;

[TestClass]
public sealed class ProgramIdentityTests
{
    // The shape 'dotnet build' writes: the app, a project reference, a package with a runtime asset, a package with
    // RID-specific native assets, a package with satellite assemblies.
    private const string Deps = """
        {
          "runtimeTarget": { "name": ".NETCoreApp,Version=v10.0", "signature": "" },
          "compilationOptions": {},
          "targets": {
            ".NETCoreApp,Version=v10.0": {
              "Demo/1.0.0": {
                "dependencies": { "Lib": "1.0.0", "MathNet.Numerics": "5.0.0" },
                "runtime": { "Demo.dll": {} }
              },
              "MathNet.Numerics/5.0.0": {
                "runtime": { "lib/net6.0/MathNet.Numerics.dll": { "assemblyVersion": "5.0.0.0", "fileVersion": "5.0.0.0" } }
              },
              "LightGBM/3.3.5": {
                "runtime": { "lib/netstandard2.0/Microsoft.ML.LightGbm.dll": {} },
                "runtimeTargets": {
                  "runtimes/linux-x64/native/lib_lightgbm.so": { "rid": "linux-x64", "assetType": "native" },
                  "runtimes/win-x64/native/lib_lightgbm.dll": { "rid": "win-x64", "assetType": "native" },
                  "runtimes/osx-arm64/native/lib_lightgbm.dylib": { "rid": "osx-arm64", "assetType": "native" }
                }
              },
              "Humanizer.Core.de/2.14.1": {
                "resources": {
                  "lib/net6.0/de/Humanizer.resources.dll": { "locale": "de" },
                  "lib/net6.0/fr/Humanizer.resources.dll": { "locale": "fr" }
                }
              },
              "Lib/1.0.0": { "runtime": { "Lib.dll": {} } },
              "NativeOnly/1.0.0": { "native": { "runtimes/linux-x64/native/libtiny.so": {} } }
            }
          },
          "libraries": {
            "Demo/1.0.0": { "type": "project", "serviceable": false, "sha512": "" },
            "Lib/1.0.0": { "type": "project", "serviceable": false, "sha512": "" }
          }
        }
        """;

    private static readonly string[] OutputFiles =
    [
        "Demo.dll", "Demo.runtimeconfig.json", "Demo.deps.json", "Lib.dll", "MathNet.Numerics.dll", "Microsoft.ML.LightGbm.dll",
        "libtiny.so", "runtimes/linux-x64/native/lib_lightgbm.so", "runtimes/win-x64/native/lib_lightgbm.dll", "de/Humanizer.resources.dll",
    ];

    [TestMethod]
    public void EveryAssetTheHostLoadsFromTheOutputFolderIsListedSortedOrdinal()
    {
        using var folder = Output(Deps, OutputFiles);

        var paths = ProgramIdentity.LoadedPaths(Path.Combine(folder.Path, "Demo.dll"));

        // Package runtime and native assets sit at the folder's root; RID-specific and culture assets keep their
        // folder and count only when present (no osx-arm64 build, no French); deps.json itself is not code.
        CollectionAssert.AreEqual(new[]
        {
            "Demo.dll", "Demo.runtimeconfig.json", "Lib.dll", "MathNet.Numerics.dll", "Microsoft.ML.LightGbm.dll",
            "de/Humanizer.resources.dll", "libtiny.so", "runtimes/linux-x64/native/lib_lightgbm.so", "runtimes/win-x64/native/lib_lightgbm.dll",
        }, paths.ToArray());
    }

    [TestMethod]
    public void FilesAreHashedByTheirBytes()
    {
        using var folder = Output(Deps, OutputFiles);

        var files = ProgramIdentity.Files(Path.Combine(folder.Path, "Demo.dll"));

        var lib = files.Single(f => f.Path == "Lib.dll");
        Assert.AreEqual(Hex(SHA256.HashData(Encoding.UTF8.GetBytes("code of Lib.dll"))), lib.Sha256);
    }

    [TestMethod]
    public void TheDigestIsTheSha256OfTheSha256sumListingInPathOrder()
    {
        var a = new ProgramFile("Lib.dll", new string('1', 64));
        var b = new ProgramFile("Demo.dll", new string('2', 64));
        var c = new ProgramFile("runtimes/linux-x64/native/x.so", new string('3', 64));
        var listing = $"{b.Sha256}  Demo.dll\n{a.Sha256}  Lib.dll\n{c.Sha256}  runtimes/linux-x64/native/x.so\n";

        Assert.AreEqual(Hex(SHA256.HashData(Encoding.UTF8.GetBytes(listing))), ProgramIdentity.Digest([a, b, c]));
        Assert.AreEqual(ProgramIdentity.Digest([a, b, c]), ProgramIdentity.Digest([c, a, b]), "the order given does not matter");
        Assert.AreNotEqual(ProgramIdentity.Digest([a, b, c]), ProgramIdentity.Digest([a, b]), "a file more is a different program");
    }

    [TestMethod]
    public void CaseOrdersUpperBeforeLowerAsOrdinalDoes()
    {
        const string deps = """
            { "runtimeTarget": { "name": "t" }, "targets": { "t": {
              "Demo/1.0.0": { "runtime": { "Demo.dll": {} } },
              "a/1.0.0": { "runtime": { "alpha.dll": {} } },
              "z/1.0.0": { "runtime": { "Zeta.dll": {} } },
              "b/1.0.0": { "runtime": { "Beta.dll": {} } } } } }
            """;
        using var folder = Output(deps, ["Demo.dll", "alpha.dll", "Zeta.dll", "Beta.dll"]);

        CollectionAssert.AreEqual(new[] { "Beta.dll", "Demo.dll", "Zeta.dll", "alpha.dll" },
            ProgramIdentity.LoadedPaths(Path.Combine(folder.Path, "Demo.dll")).ToArray());
    }

    [TestMethod]
    public void TheRuntimeTargetIsTheOneDepsJsonNames()
    {
        const string deps = """
            { "runtimeTarget": { "name": ".NETCoreApp,Version=v10.0/linux-x64" }, "targets": {
              ".NETCoreApp,Version=v10.0": { "Other/1.0.0": { "runtime": { "Other.dll": {} } } },
              ".NETCoreApp,Version=v10.0/linux-x64": { "Demo/1.0.0": { "runtime": { "Demo.dll": {} } },
                                                       "Lib/1.0.0": { "runtime": { "Lib.dll": {} } } } } }
            """;
        using var folder = Output(deps, ["Demo.dll", "Lib.dll", "Other.dll"]);

        CollectionAssert.AreEqual(new[] { "Demo.dll", "Lib.dll" }, ProgramIdentity.LoadedPaths(Path.Combine(folder.Path, "Demo.dll")).ToArray());
    }

    [TestMethod]
    public void WithoutDepsJsonTheProgramIsTheAppAndItsRuntimeConfig()
    {
        using var folder = Output(null, ["Demo.dll", "Demo.runtimeconfig.json", "Lib.dll"]);

        CollectionAssert.AreEqual(new[] { "Demo.dll", "Demo.runtimeconfig.json" },
            ProgramIdentity.LoadedPaths(Path.Combine(folder.Path, "Demo.dll")).ToArray());
    }

    [TestMethod]
    public void AnAssemblyTheHostWouldLoadFromTheFolderMustBeThere()
    {
        using var folder = Output(Deps, OutputFiles.Where(f => f != "MathNet.Numerics.dll"));

        var error = Assert.ThrowsExactly<ReproException>(() => ProgramIdentity.LoadedPaths(Path.Combine(folder.Path, "Demo.dll")));

        Assert.AreEqual("REPRO0014", error.Code);
        StringAssert.Contains(error.Message, "'MathNet.Numerics.dll' is listed in 'Demo.deps.json' (from MathNet.Numerics/5.0.0)");
    }

    [TestMethod]
    [DataRow("{ not json", "not valid JSON")]
    [DataRow("""{ "runtimeTarget": { "name": "t" } }""", "no \"targets\" object")]
    [DataRow("""{ "runtimeTarget": { "name": "t" }, "targets": { "u": {} } }""", "runtime target 't' is not among its targets")]
    [DataRow("""{ "targets": { "t": {}, "u": {} } }""", "more than one target")]
    [DataRow("""{ "runtimeTarget": { "name": 3 }, "targets": { "t": {} } }""", "wrong type")]
    [DataRow("""{ "targets": { "t": { "X/1": { "runtimeTargets": { "../../outside.so": {} } } } } }""", "'../../outside.so' is not inside the output folder")]
    [DataRow("""{ "targets": { "t": { "X/1": { "runtime": { "lib/": {} } } } } }""", "'lib/' names no file")]
    public void ADepsFileThatCannotBeReadIsACodedError(string deps, string why)
    {
        using var folder = Output(deps, ["Demo.dll"]);

        var error = Assert.ThrowsExactly<ReproException>(() => ProgramIdentity.LoadedPaths(Path.Combine(folder.Path, "Demo.dll")));

        Assert.AreEqual("REPRO0015", error.Code);
        StringAssert.Contains(error.Message, why);
    }

    /// <summary>An output folder holding <paramref name="files"/> (each containing "code of NAME") and the deps.json.</summary>
    private static TempFolder Output(string? deps, IEnumerable<string> files)
    {
        var folder = new TempFolder();
        foreach (var file in files.Where(f => f != "Demo.deps.json"))
        {
            folder.Write(file, "code of " + file);
        }

        if (deps is not null)
        {
            folder.Write("Demo.deps.json", deps);
        }

        return folder;
    }

    private static string Hex(byte[] hash) => Convert.ToHexString(hash).ToLowerInvariant();
}
