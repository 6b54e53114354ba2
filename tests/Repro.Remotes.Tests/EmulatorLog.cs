using Repro.Testing;

namespace Repro.Remotes.Tests;

[TestClass]
public static class EmulatorLog
{
    /// <summary>Azurite's progress lines on the test run's console as they happen, not in a test's captured output.</summary>
    [AssemblyInitialize]
    public static void ShowProgress(TestContext context) => Azurite.Log = line => context.DisplayMessage(MessageLevel.Informational, line);
}
