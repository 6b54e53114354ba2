using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Repro.Sdk.Tests.Infrastructure;

namespace Repro.Sdk.Tests;

/// <summary>
/// samples/IrisService as a client sees it: built, started as its own process on loopback, and asked over real HTTP.
/// It must answer what the experiment's own test predicted for the same rows, say which model is live, follow a
/// Promote only through -t:UpdateModels, refuse a model file changed on disk, and start with the remote it pulled from gone.
/// </summary>
[TestClass]
public sealed class ServingTests
{
    private const string Reference = "iris-classifier@production";
    private static readonly string Samples = Path.Combine(RepositoryRoot.Path, "samples");
    private static readonly string Experiment = Path.Combine(Samples, "IrisExperiment");

    [TestMethod]
    public async Task TheSampleServiceAnswersAsTheExperimentsOwnTestPredictedAndSaysWhichModelIsLive()
    {
        // As committed, in locked mode as CI builds it: the lock holds, and the output has the model it names.
        var service = Path.Combine(Samples, "IrisService");
        Dotnet.Run(service, null, "build", "-p:ReproLockedMode=true").Succeeded();
        var locked = Locked(Path.Combine(service, "models.lock.json"));

        await using var process = await ServiceProcess.StartAsync(Path.Combine(service, "bin", "Debug", "net10.0", "IrisService.dll"));
        await AssertServes(process, locked.Version, locked.RunId, locked.Sha256, Path.Combine(Experiment, "runs"));
        StringAssert.Contains(process.Output, $"Serving {Reference} → v{locked.Version}, run {locked.RunId}, sha256 {locked.Sha256}",
            "the log says at start which model is live");
        var health = await process.Http.GetFromJsonAsync<JsonElement>("/health");
        Assert.AreEqual("Healthy", health.GetProperty("status").GetString());
        StringAssert.Contains(health.GetProperty("checks").GetProperty("registered-models").GetProperty("description").GetString(),
            $"{Reference} → v{locked.Version}, run {locked.RunId}, sha256 {locked.Sha256}");
    }

    [TestMethod]
    public async Task APromotedVersionIsServedAfterUpdateModelsAndLockedModeRefusesTheStaleLockUntilThen()
    {
        using var checkout = ServiceCheckout.Create();
        string[] registry = ["-p:ReproRegistryDir=" + checkout.Registry];
        checkout.Build([.. registry, "-p:ReproLockedMode=true"]).Succeeded();
        var before = File.ReadAllText(checkout.LockFile);
        Assert.AreEqual(1, Locked(checkout.LockFile).Version);

        Dotnet.Run(Experiment, null, ["build", "-t:Promote", "-p:Model=iris-classifier@2", "-p:Alias=production", .. registry]).Succeeded();

        var refused = checkout.Build([.. registry, "-p:ReproLockedMode=true"]).FailedWith("REPRO0093");
        StringAssert.Contains(refused.Output, "iris-classifier@production is v2 in the registry now, and the lock says v1");
        Assert.AreEqual(before, File.ReadAllText(checkout.LockFile), "locked mode moves nothing");

        var updated = checkout.Build(["-t:UpdateModels", .. registry]).Succeeded();
        StringAssert.Contains(updated.Output, "iris-classifier@production: v1 (run ");
        var now = Locked(checkout.LockFile);
        Assert.AreEqual(2, now.Version);
        StringAssert.Contains(updated.Output, $"→ v2 (run {now.RunId}");
        checkout.Build([.. registry, "-p:ReproLockedMode=true"]).Succeeded();

        await using var process = await ServiceProcess.StartAsync(checkout.Assembly);
        await AssertServes(process, 2, now.RunId, now.Sha256, Path.Combine(Experiment, "runs"));
    }

    [TestMethod]
    public async Task AModelFileChangedInTheOutputIsRefusedAtStartAndNothingIsServedFromIt()
    {
        using var checkout = ServiceCheckout.Create();
        checkout.Build([]).Succeeded();
        var locked = Locked(checkout.LockFile);
        var model = Path.Combine(checkout.Output, locked.File);
        var bytes = File.ReadAllBytes(model);
        bytes[bytes.Length / 2] ^= 0xFF;
        File.WriteAllBytes(model, bytes);

        var failed = await Assert.ThrowsExactlyAsync<ServiceDidNotStartException>(() => ServiceProcess.StartAsync(checkout.Assembly));
        StringAssert.Contains(failed.Message, "REPRO0094");
        StringAssert.Contains(failed.Message, $"is not the one on record (sha256 {locked.Sha256[..12]}… expected");
        Assert.DoesNotContain("Now listening", failed.Message, "the service never listened, so it served nothing");

        // The next build puts the proven file back, and the service starts again.
        File.Delete(model);
        checkout.Build([]).Succeeded();
        await using var process = await ServiceProcess.StartAsync(checkout.Assembly);
        await AssertServes(process, locked.Version, locked.RunId, locked.Sha256, Path.Combine(Experiment, "runs"));
    }

    [TestMethod]
    public async Task AModelOnlyTheRemoteHasIsPulledAtBuildAndTheServiceStartsWithTheRemoteGone()
    {
        using var checkout = ServiceCheckout.Create();
        var locked = Locked(checkout.LockFile);
        var runs = Path.Combine(checkout.Root, "runs");
        var remote = Directory.CreateDirectory(Path.Combine(checkout.Root, "remote")).FullName;
        Folders.Copy(Path.Combine(Experiment, "runs", locked.RunId), Path.Combine(runs, locked.RunId));
        string[] store = ["-p:ReproRunsDir=" + runs, "-p:ReproRemote=" + remote];
        Dotnet.Run(Experiment, null, ["build", "-t:Push", "-p:RunId=" + locked.RunId, .. store]).Succeeded();
        // The team's split: records here, models in the remote.
        Directory.Delete(Path.Combine(runs, locked.RunId, "artifacts"), recursive: true);

        var built = checkout.Build([.. store, "-p:ReproLockedMode=true"]).Succeeded();
        StringAssert.Contains(built.Output, $"pulled {Reference}");

        Directory.Delete(remote, recursive: true);
        Directory.Delete(checkout.Cache, recursive: true);
        await using var process = await ServiceProcess.StartAsync(checkout.Assembly);
        await AssertServes(process, locked.Version, locked.RunId, locked.Sha256, Path.Combine(Experiment, "runs"));
    }

    /// <summary>Every test row of the run: the species and every score the service gives equal what the run's own evaluation wrote.</summary>
    private static async Task AssertServes(ServiceProcess process, int version, string runId, string sha256, string runs)
    {
        var model = await process.Http.GetFromJsonAsync<JsonElement>("/model");
        Assert.AreEqual((Reference, version, runId, sha256),
            (model.GetProperty("reference").GetString(), model.GetProperty("version").GetInt32(), model.GetProperty("runId").GetString(), model.GetProperty("sha256").GetString()),
            "GET /model names the live version and its hash");

        var rows = File.ReadAllLines(Path.Combine(runs, runId, "artifacts", "predictions.csv"));
        var header = rows[0].Split(',');
        Assert.IsGreaterThan(20, rows.Length - 1, "the run predicted its whole test set");
        foreach (var row in rows.Skip(1).Select(line => line.Split(',')))
        {
            var flower = new Dictionary<string, float>();
            for (var i = 0; i < 4; i++)
            {
                // sepal_length → sepalLength: the service's JSON is ASP.NET Core's, in camel case.
                var words = header[i].Split('_');
                flower[words[0] + string.Concat(words.Skip(1).Select(w => char.ToUpperInvariant(w[0]) + w[1..]))] = float.Parse(row[i], CultureInfo.InvariantCulture);
            }

            using var response = await process.Http.PostAsJsonAsync("/predict", flower);
            response.EnsureSuccessStatusCode();
            var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
            var what = $"row {string.Join(',', row)}";
            Assert.AreEqual(row[Array.IndexOf(header, "predicted")], answer.GetProperty("species").GetString(), what);
            foreach (var (name, index) in header.Select((name, index) => (name, index)).Where(c => c.name.StartsWith("score_", StringComparison.Ordinal)))
            {
                Assert.AreEqual(float.Parse(row[index], CultureInfo.InvariantCulture), answer.GetProperty("scores").GetProperty(name["score_".Length..]).GetSingle(), $"{what}: {name}");
            }

            StringAssert.Contains(answer.GetProperty("model").GetString(), $"(v{version}, run {runId}, sha256 {sha256[..12]}…)");
        }
    }

    private static (int Version, string RunId, string Sha256, string File) Locked(string lockFile)
    {
        var entry = ExperimentProject.ReadJson(lockFile).GetProperty("models").EnumerateArray().Single(m => m.GetProperty("reference").GetString() == Reference);
        return (entry.GetProperty("version").GetInt32(), entry.GetProperty("runId").GetString()!, entry.GetProperty("sha256").GetString()!, entry.GetProperty("file").GetString()!);
    }

    /// <summary>
    /// samples/IrisService in a folder of its own, as another checkout of it would be: its files copied, its imports and
    /// its Registry pointed at this repository, the sample's registry copied so a Promote here changes nothing there, and
    /// a model cache of its own.
    /// </summary>
    private sealed class ServiceCheckout : IDisposable
    {
        private ServiceCheckout(string root) => Root = root;

        public string Root { get; }

        public string Project => Path.Combine(Root, "IrisService");

        public string LockFile => Path.Combine(Project, "models.lock.json");

        public string Output => Path.Combine(Project, "bin", "Debug", "net10.0");

        public string Assembly => Path.Combine(Output, "IrisService.dll");

        public string Registry => Path.Combine(Root, "registry");

        public string Cache => Path.Combine(Root, "model-cache");

        public static ServiceCheckout Create()
        {
            var checkout = new ServiceCheckout(Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "repro-it", Guid.NewGuid().ToString("N"))).FullName);
            File.WriteAllText(Path.Combine(checkout.Root, "Directory.Build.props"), $"<Project><Import Project=\"{Samples}/Directory.Build.props\" /></Project>");
            File.WriteAllText(Path.Combine(checkout.Root, "Directory.Build.targets"), $"<Project><Import Project=\"{Samples}/Directory.Build.targets\" /></Project>");
            File.WriteAllText(Path.Combine(checkout.Root, "Directory.Packages.props"), $"<Project><Import Project=\"{RepositoryRoot.Path}/Directory.Packages.props\" /></Project>");
            var source = Path.Combine(Samples, "IrisService");
            Directory.CreateDirectory(checkout.Project);
            foreach (var file in Directory.GetFiles(source).Where(f => !f.EndsWith(".csproj", StringComparison.Ordinal)))
            {
                File.Copy(file, Path.Combine(checkout.Project, Path.GetFileName(file)));
            }

            var project = File.ReadAllText(Path.Combine(source, "IrisService.csproj"))
                .Replace("\"../../src/", $"\"{RepositoryRoot.Path}/src/", StringComparison.Ordinal)
                .Replace("Registry=\"../IrisExperiment\"", $"Registry=\"{Experiment}\"", StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(checkout.Project, "IrisService.csproj"), project);
            Folders.Copy(Path.Combine(Experiment, "registry"), checkout.Registry);
            return checkout;
        }

        /// <summary>Restore has run: later builds skip it, as a developer's second build may (nothing here changes a package).</summary>
        private bool _restored;

        public CommandResult Build(string[] arguments)
        {
            var result = Dotnet.Run(Project, null, ["build", .. arguments, .. _restored ? new[] { "--no-restore" } : [], "-p:ReproModelCache=" + Cache]);
            _restored |= result.ExitCode == 0;
            return result;
        }

        public void Dispose()
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
                // A process that has not let go of a file yet; the temporary folder goes with the machine.
            }
        }
    }
}
