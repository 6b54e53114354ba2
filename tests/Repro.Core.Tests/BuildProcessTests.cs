using Repro.Probes;

namespace Repro.Core.Tests;

[TestClass]
public sealed class BuildProcessTests
{
    [TestMethod]
    public void TheBuildsOwnProcessIsStartedForItAndANodeIsNot()
    {
        Assert.IsTrue(BuildProcess.StartedForThisBuild(["/usr/share/dotnet/sdk/10.0.401/MSBuild", "-maxcpucount", "--target:Train", "-nodeReuse:false"]));
        Assert.IsFalse(BuildProcess.StartedForThisBuild(["MSBuild.dll", "/noautoresponse", "/nologo", "/nodemode:1", "/nodeReuse:true"]));
        Assert.IsFalse(BuildProcess.StartedForThisBuild(["MSBuild.dll", "/nologo", "/nodemode:2", "/nodereuse:False"]), "a task host");
        Assert.IsFalse(BuildProcess.StartedForThisBuild(["MSBuild.dll", "-nodeMode:8"]), "the build server, any case, either prefix");
        Assert.IsTrue(BuildProcess.StartedForThisBuild([]));
    }
}
