namespace Repro.Sdk.Tests.Infrastructure;

[TestClass]
public static class TestRunCleanup
{
    /// <summary>The packed feed, its package folder and every test project go when the run ends.</summary>
    [AssemblyCleanup]
    public static void DeleteTemporaryFolders() => PackedSdk.DeleteIfPacked();
}
