using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using Repro.Sdk.Tests.Infrastructure;
using Repro.Testing;

namespace Repro.Sdk.Tests;

/// <summary>
/// The remote suite against Azure Blob Storage, on Microsoft's emulator (Azurite, installed by the tests on first use,
/// on 127.0.0.1): the same loop as a folder, and what only a network remote does — go away mid-push, hold a credential.
/// </summary>
[TestClass]
public sealed class AzureRemoteTests : RemoteTests
{
    private static Azurite? s_azurite;

    private static Azurite Emulator => s_azurite ?? throw new InvalidOperationException("Azurite was not started.");

    [ClassInitialize]
    public static void StartEmulator(TestContext context)
    {
        Console.WriteLine("AzureRemoteTests: starting Azurite (installed from npm on first use)…");
        s_azurite = Azurite.Start();
    }

    [ClassCleanup]
    public static void StopEmulator() => s_azurite?.Dispose();

    private protected override string NewRemote() => $"azblob://c{Guid.NewGuid().ToString("N")[..20]}/team/models";

    private protected override IReadOnlyDictionary<string, string> RemoteEnvironment =>
        new Dictionary<string, string> { ["AZURE_STORAGE_CONNECTION_STRING"] = Emulator.ConnectionString };

    private protected override void AlterBlob(string remote, string sha256)
    {
        var (container, prefix) = Split(remote);
        new BlobContainerClient(Emulator.ConnectionString, container).GetBlobClient($"{prefix}/{sha256[..2]}/{sha256}")
            .Upload(BinaryData.FromString("not the model"), overwrite: true);
    }

    [TestMethod]
    public void TheEmulatorKilledMidPushFailsTheBuildLeavesNoRunVisibleAndTheNextPushCompletes()
    {
        // A model just above the largest one sent in a single Put Blob (256 MiB), so it goes up as staged blocks.
        var project = ExperimentProject.Create("""<Experiment Include="big" Seed="7" Data="data/numbers.csv" ModelMegabytes="264" />""", program: BigModelProgram);
        var runId = project.TrainRun("big");
        var remote = NewRemote();
        var environment = new Dictionary<string, string>(project.Feed.Environment).Concat(RemoteEnvironment).ToDictionary();
        var (container, prefix) = Split(remote);
        var sha256 = ExperimentProject.ReadJson(Path.Combine(project.RunsDirectory, runId, "run.json")).GetProperty("artifacts")
            .EnumerateArray().Single(a => a.GetProperty("path").GetString() == "artifacts/model.bin").GetProperty("sha256").GetString()!;
        var model = new BlobContainerClient(Emulator.ConnectionString, container).GetBlockBlobClient($"{prefix}/{sha256[..2]}/{sha256}");

        using (var push = BackgroundBuild.Start(project, environment, "build", "-t:Push", "-p:ReproRemote=" + remote))
        {
            // Killed once the emulator holds some of the model's blocks and the blob is not committed: mid-upload.
            push.WaitUntil(() => Staged(model) > 0, "the model's first blocks to be staged", TimeSpan.FromMinutes(3));
            Emulator.Kill();
            var failed = push.WaitForExit(TimeSpan.FromMinutes(2));
            Assert.AreNotEqual(0, failed.ExitCode, failed.Output);
            StringAssert.Contains(failed.Output, "error REPRO0081:");
        }

        Emulator.Restart();
        var client = new BlobContainerClient(Emulator.ConnectionString, container);
        // Killed before it saved its state, the emulator may have lost the container itself: then nothing is visible either.
        Assert.IsFalse(client.Exists().Value && client.GetBlobs(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, prefix + "/", CancellationToken.None).Any(b => b.Name.Contains("/runs/", StringComparison.Ordinal)), "no run is published half-pushed");

        var again = Build(project, "build", "-t:Push", "-p:ReproRemote=" + remote).Succeeded().Output;
        StringAssert.Contains(again, "1 run(s) published");

        var clone = project.Clone();
        Build(clone, "build", "-t:Pull", "-p:ReproRemote=" + remote).Succeeded();
        CollectionAssert.AreEqual(
            File.ReadAllBytes(Path.Combine(project.RunsDirectory, runId, "artifacts", "model.bin")),
            File.ReadAllBytes(Path.Combine(clone.RunsDirectory, runId, "artifacts", "model.bin")));
    }

    [TestMethod]
    public void TheConnectionStringIsInNoRunFileAndNoBuildOutput()
    {
        var project = ExperimentProject.Create("""<Experiment Include="weights" Seed="42" Data="data/numbers.csv" />""");
        var remote = NewRemote();
        var outputs = new List<string>
        {
            Build(project, "build", "-t:Train", "-p:ReproRemote=" + remote).Succeeded().Output,
            Build(project, "build", "-t:Push", "-p:ReproRemote=" + remote, "-v:detailed").Succeeded().Output,
        };
        var runId = Path.GetFileName(project.Runs().Single());
        outputs.Add(Build(project, "build", "-t:Register", "-p:Model=numbers", "-p:RunId=" + runId, "-p:ReproRemote=" + remote).Succeeded().Output);
        outputs.Add(Build(project, "build", "-t:Describe", "-p:Model=numbers@1", "-p:ReproRemote=" + remote).Succeeded().Output);
        var clone = project.Clone();
        outputs.Add(Build(clone, "build", "-t:Pull", "-p:ReproRemote=" + remote, "-v:detailed").Succeeded().Output);
        // A refused credential is named, never shown.
        var refused = project.Dotnet(new Dictionary<string, string>(project.Feed.Environment)
        {
            ["AZURE_STORAGE_CONNECTION_STRING"] = Emulator.WithKey(Convert.ToBase64String(new byte[64])),
        }, "build", "-t:Push", "-p:ReproRemote=" + remote, "-p:Force=true").FailedWith("REPRO0085").Output;
        outputs.Add(refused);

        var files = new[] { project, clone }.SelectMany(p => Directory.GetFiles(p.Directory, "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))).ToArray();
        Assert.IsTrue(files.Any(f => f.EndsWith("run.json", StringComparison.Ordinal)), "the run files are searched");
        foreach (var secret in new[] { Azurite.AccountKey, Emulator.ConnectionString, Convert.ToBase64String(new byte[64]) })
        {
            Assert.IsFalse(outputs.Any(o => o.Contains(secret, StringComparison.Ordinal)), "a build output holds the credential");
            Assert.IsFalse(files.Any(f => File.ReadAllText(f).Contains(secret, StringComparison.Ordinal)), "a file holds the credential");
        }

        // The search can fail: what the runs do record is found.
        Assert.IsTrue(outputs.Any(o => o.Contains(remote, StringComparison.Ordinal)), "the remote itself is named");
    }

    /// <summary>How many blocks of the blob the emulator holds uncommitted; none while the upload has not begun (or the container is not there yet).</summary>
    private static int Staged(Azure.Storage.Blobs.Specialized.BlockBlobClient blob)
    {
        try
        {
            return blob.GetBlockList(Azure.Storage.Blobs.Models.BlockListTypes.Uncommitted).Value.UncommittedBlocks.Count();
        }
        catch (Azure.RequestFailedException)
        {
            return 0;
        }
    }

    private static (string Container, string Prefix) Split(string remote)
    {
        var rest = remote["azblob://".Length..];
        return (rest[..rest.IndexOf('/')], rest[(rest.IndexOf('/') + 1)..]);
    }

    private const string BigModelProgram = """
        using System.Globalization;
        using Repro;

        var run = ExperimentRun.Open(args);
        var megabytes = (int)run.Param("ModelMegabytes", 1.0);
        var block = new byte[1 << 20];
        using var model = File.Create(run.ArtifactPath("model.bin"));
        for (var i = 0; i < megabytes; i++)
        {
            // Seeded bytes, each megabyte its own: the model is the run's, as a real one is.
            for (var j = 0; j < block.Length; j++)
            {
                block[j] = (byte)((j * 131 + i * 31 + run.Seed) % 251);
            }

            model.Write(block);
        }

        run.LogMetric("megabytes", megabytes);
        return 0;
        """;
}
