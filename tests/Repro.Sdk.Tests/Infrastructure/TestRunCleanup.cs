[assembly: Parallelize(Workers = 2, Scope = ExecutionScope.ClassLevel)]

namespace Repro.Sdk.Tests.Infrastructure;

/// <summary>
/// Test classes run two at once (each class's tests one after another, on projects of their own); no test sets
/// process-wide state. The SDK is packed once, before any class starts, so no build restores the repository's
/// projects while the pack does.
/// </summary>
[TestClass]
public static class TestRunCleanup
{
    [AssemblyInitialize]
    public static void PackTheSdk(TestContext context)
    {
        Console.WriteLine("Repro.Sdk.Tests: packing the SDK into a feed of this test run…");
        var trash = PackedSdk.EmptyTheTrash();
        _ = PackedSdk.Feed;
        trash.Wait();
    }

    /// <summary>The packed feed, its package folder and every test project go when the run ends (moved aside, deleted by the next run).</summary>
    [AssemblyCleanup]
    public static void DeleteTemporaryFolders() => PackedSdk.DeleteIfPacked();
}
