using Repro.Probes;
using Repro.Training;

namespace Repro.Core.Tests;

[TestClass]
public sealed class ProgramRuntimeTests
{
    private const string Net10 = """
        { "runtimeOptions": { "tfm": "net10.0", "framework": { "name": "Microsoft.NETCore.App", "version": "10.0.0" } } }
        """;

    private static readonly Dictionary<string, string[]> Installed = new(StringComparer.Ordinal)
    {
        ["Microsoft.NETCore.App"] = ["9.0.4", "10.0.1", "10.0.0", "8.0.11"],
        ["Microsoft.AspNetCore.App"] = ["10.0.1", "9.0.4"],
    };

    [TestMethod]
    public void NamesTheRequestedFrameworkAndTheInstalledVersionsOfItsMajor()
    {
        Assert.AreEqual("Microsoft.NETCore.App 10.0.0 (Minor) of 10.0.0 10.0.1", Describe(Net10));
    }

    [TestMethod]
    public void APolicyOrVariableThatCanLeaveTheMajorNamesEveryVersion()
    {
        var major = Net10.Replace("\"version\": \"10.0.0\"", "\"version\": \"10.0.0\", \"rollForward\": \"LatestMajor\"");
        Assert.AreEqual("Microsoft.NETCore.App 10.0.0 (LatestMajor) of 10.0.0 10.0.1 8.0.11 9.0.4", Describe(major));
        Assert.AreEqual("Microsoft.NETCore.App 10.0.0 (Minor) of 10.0.0 10.0.1 8.0.11 9.0.4; DOTNET_ROLL_FORWARD=Major",
            Describe(Net10, ("DOTNET_ROLL_FORWARD", "Major")));
    }

    [TestMethod]
    public void EveryFrameworkIsNamedAndTheCoreOneAlways()
    {
        const string aspNet = """
            { "runtimeOptions": { "rollForward": "LatestPatch", "frameworks": [ { "name": "Microsoft.AspNetCore.App", "version": "10.0.0" } ] } }
            """;
        Assert.AreEqual("Microsoft.AspNetCore.App 10.0.0 (LatestPatch) of 10.0.1; Microsoft.NETCore.App of 10.0.0 10.0.1", Describe(aspNet));
    }

    [TestMethod]
    public void ASelfContainedProgramNamesItsOwnRuntime()
    {
        const string selfContained = """
            { "runtimeOptions": { "includedFrameworks": [ { "name": "Microsoft.NETCore.App", "version": "10.0.1" } ] } }
            """;
        Assert.AreEqual("self-contained Microsoft.NETCore.App 10.0.1", Describe(selfContained));
    }

    [TestMethod]
    [DataRow(null)]
    [DataRow("not json")]
    [DataRow("{}")]
    [DataRow("{ \"runtimeOptions\": { \"framework\": \"oops\" } }")]
    public void AMissingOrUnreadableRuntimeConfigSaysSo(string? runtimeConfig) =>
        Assert.AreEqual("no readable runtimeconfig.json", Describe(runtimeConfig));

    [TestMethod]
    public void ThisTestHostsOwnInstallationIsFound()
    {
        var program = typeof(ProgramRuntimeTests).Assembly.Location;
        StringAssert.Contains(ProgramRuntime.Describe(program, "dotnet"), Environment.Version.ToString(3));
    }

    private static string Describe(string? runtimeConfig, params (string Name, string Value)[] environment) =>
        ProgramRuntime.Describe(runtimeConfig, name => Installed.GetValueOrDefault(name, []),
            name => environment.Where(e => e.Name == name).Select(e => e.Value).FirstOrDefault());
}
