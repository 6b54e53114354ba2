using Repro.Diagnostics;
using Repro.Fingerprints;
using Repro.Runs;
using Repro.SourceControl;
using Repro.Training;

namespace Repro.Core.Tests;

/// <summary>A file that is there but cannot be read is REPRO0035, told apart from a store that cannot be written (REPRO0009).</summary>
[TestClass]
public sealed class InputFileTests
{
    private TempFolder _folder = null!;

    [TestInitialize]
    public void Create() => _folder = new TempFolder();

    [TestCleanup]
    public void Delete() => _folder.Dispose();

    [TestMethod]
    public void ADataFileAnotherProgramHoldsIsUnreadableNotUnwritable()
    {
        var data = _folder.Write("data/numbers.csv", "x\n1\n");
        using (Held(data))
        {
            var error = Assert.ThrowsExactly<ReproException>(() => FileFingerprint.Of(_folder.Path, ["data/numbers.csv"]));
            Assert.AreEqual(ErrorCode.UnreadableFile, error.Code);
            StringAssert.Contains(error.Message, data);
        }

        Assert.AreEqual("data/numbers.csv", FileFingerprint.Of(_folder.Path, ["data/numbers.csv"]).Single().Path, "readable again once released");
    }

    [TestMethod]
    public void ALockFileThatCannotBeReadIsUnreadable()
    {
        var settings = Settings();
        _folder.Write("bin/program.dll", "not really a program");
        using (Held(_folder.Write("packages.lock.json", "{}")))
        {
            Assert.AreEqual(ErrorCode.UnreadableFile, Assert.ThrowsExactly<ReproException>(() => BuildInputs.Read(settings)).Code);
        }
    }

    [TestMethod]
    public void AProgramThatWasNotBuiltIsProgramNotFound()
    {
        var error = Assert.ThrowsExactly<ReproException>(() => BuildInputs.Read(Settings()));
        Assert.AreEqual("REPRO0012", error.Code);
        StringAssert.Contains(error.Message, "program.dll");
    }

    /// <summary>Opened for writing with no sharing: .NET refuses anyone else's open, on Unix as on Windows, even as root.</summary>
    private static FileStream Held(string path) => new(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);

    private TrainSettings Settings() => new(
        Path.Combine(_folder.Path, "project.csproj"), new RunStore(Path.Combine(_folder.Path, "runs")), Path.Combine(_folder.Path, "bin", "program.dll"),
        "dotnet", Path.Combine(_folder.Path, "packages.lock.json"), GitStamp.Unknown("a test"), "10.0.100", "net10.0", new TestLog());
}
