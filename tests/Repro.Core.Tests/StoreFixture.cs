using Repro.Registry;
using Repro.Runs;

namespace Repro.Core.Tests;

/// <summary>A fresh project folder for each test, with its run store and its registry.</summary>
public abstract class StoreFixture
{
    private protected TempFolder Folder { get; private set; } = null!;

    private protected RunStore Store { get; private set; } = null!;

    private protected ModelRegistry Registry { get; private set; } = null!;

    [TestInitialize]
    public void CreateStore()
    {
        Folder = new TempFolder();
        Store = new RunStore(Path.Combine(Folder.Path, "runs"));
        Registry = new ModelRegistry(Path.Combine(Folder.Path, "registry"));
    }

    [TestCleanup]
    public void DeleteStore() => Folder.Dispose();
}
