using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.ML;
using Repro.Diagnostics;
using Repro.Models.MLNet;

namespace Repro.Models.Tests;

[TestClass]
public sealed class RegisteredModelPoolTests
{
    private ExperimentProject _project = null!;
    private ModelSourceOptions _source = null!;

    [TestInitialize]
    public void Create()
    {
        _project = new ExperimentProject();
        _source = new ModelSourceOptions { Registry = _project.Directory, CacheDirectory = _project.Beside("cache") };
    }

    [TestCleanup]
    public void Delete() => _project.Dispose();

    [TestMethod]
    public void ThePoolPredictsAsMLNetDoesWithTheSameFileAndLogsWhichModelIsLive()
    {
        var version = _project.Register(iterations: 20);
        _project.Promote(1);
        var log = new ListLogger();
        using var services = Services(log, s => s.AddRegisteredModel<IrisInput, IrisPrediction>("iris@production", o => o.Source = _source));
        var pool = services.GetRequiredService<RegisteredModelPool<IrisInput, IrisPrediction>>();

        var ml = new MLContext();
        var direct = ml.Model.CreatePredictionEngine<IrisInput, IrisPrediction>(ml.Model.Load(_project.ModelFile(version), out _)).Predict(Iris.Setosa);
        var pooled = pool.Predict(Iris.Setosa);
        Assert.AreEqual(direct.PredictedSpecies, pooled.PredictedSpecies);
        CollectionAssert.AreEqual(direct.Score, pooled.Score, "the same bits as ML.NET's own load of the same file");
        var engine = pool.GetPredictionEngine();
        pool.ReturnPredictionEngine(engine);
        Assert.AreSame(engine, pool.GetPredictionEngine(), "engines are pooled, not made for each prediction");
        Assert.AreEqual($"Serving iris@production → v1, run {version.RunId}, sha256 {version.Artifact!.Sha256}", log.Lines.Single());
    }

    [TestMethod]
    public void NamedModelsAreServedSideBySide()
    {
        _project.Register(iterations: 20);
        _project.Register(iterations: 2);
        _project.Promote(1);
        _project.Promote(2, "candidate");
        using var services = Services(new ListLogger(), s => s
            .AddRegisteredModel<IrisInput, IrisPrediction>("iris@production", o => o.Source = _source)
            .AddRegisteredModel<IrisInput, IrisPrediction>("candidate", "iris@candidate", o => o.Source = _source));
        var pool = services.GetRequiredService<RegisteredModelPool<IrisInput, IrisPrediction>>();

        Assert.AreEqual((1, 2), (pool.GetModel().Version, pool.GetModel("candidate").Version));
        CollectionAssert.AreNotEqual(pool.Predict(Iris.Setosa).Score, pool.Predict("candidate", Iris.Setosa).Score);
        StringAssert.Contains(Assert.ThrowsExactly<InvalidOperationException>(() => pool.Predict("shadow", Iris.Setosa)).Message, "no registered model was added under the name 'shadow'");
    }

    [TestMethod]
    public async Task AMovedAliasIsProvenThenSwappedInAndAnEngineLentBeforeFinishesOnTheOldModel()
    {
        _project.Register(iterations: 20);
        var two = _project.Register(iterations: 2);
        _project.Promote(1);
        var log = new ListLogger();
        using var services = Watched(log);
        var pool = services.GetRequiredService<RegisteredModelPool<IrisInput, IrisPrediction>>();
        var old = pool.Predict(Iris.Setosa).Score;
        var lent = pool.GetPredictionEngine();

        _project.Promote(2);
        await Until(() => pool.GetModel().Version == 2);

        CollectionAssert.AreEqual(old, lent.Predict(Iris.Setosa).Score, "an engine lent before the swap predicts with the old model");
        pool.ReturnPredictionEngine(lent);
        Assert.AreNotSame(lent, pool.GetPredictionEngine(), "an engine of the old model is not pooled again");
        CollectionAssert.AreNotEqual(old, pool.Predict(Iris.Setosa).Score);
        Assert.AreEqual($"Serving iris@production → v2, run {two.RunId}, sha256 {two.Artifact!.Sha256} (was v1)", log.Lines[^1]);
        Assert.AreEqual(HealthStatus.Healthy, (await Health(services)).Status);
    }

    [TestMethod]
    public async Task AVersionWhoseFileFailsItsHashIsRefusedTheOldOneKeepsServingAndTheHealthCheckSaysWhy()
    {
        var one = _project.Register(iterations: 20);
        var two = _project.Register(iterations: 2);
        _project.Promote(1);
        File.WriteAllText(_project.ModelFile(two), "not the model v2 recorded");
        var log = new ListLogger();
        using var services = Watched(log);
        var pool = services.GetRequiredService<RegisteredModelPool<IrisInput, IrisPrediction>>();

        _project.Promote(2);
        await Until(() => log.Lines.Any(l => l.Contains("was not swapped in", StringComparison.Ordinal)));

        Assert.AreEqual(1, pool.GetModel().Version);
        Assert.AreEqual("setosa", pool.Predict(Iris.Setosa).PredictedSpecies);
        var refusal = log.Lines.First(l => l.Contains("was not swapped in", StringComparison.Ordinal));
        StringAssert.Contains(refusal, "v1 keeps serving");
        StringAssert.Contains(refusal, "REPRO0094");
        var health = await Health(services);
        Assert.AreEqual(HealthStatus.Healthy, health.Status, "the old model still serves");
        StringAssert.Contains(health.Description, $"iris@production → v1, run {one.RunId}, sha256 {one.Artifact!.Sha256}");
        StringAssert.Contains(health.Description, "a newer version was refused");
        Assert.AreEqual(1, ((IReadOnlyDictionary<string, object>)health.Data["iris@production"])["version"]);
    }

    [TestMethod]
    public async Task AModelRefusedAtStartStopsTheHostBeforeItServes()
    {
        var one = _project.Register(iterations: 20);
        _project.Promote(1);
        File.WriteAllText(_project.ModelFile(one), "not the model");
        using var host = new HostBuilder().ConfigureServices(s => s.AddRegisteredModel<IrisInput, IrisPrediction>("iris@production", o => o.Source = _source)).Build();

        var error = await Assert.ThrowsExactlyAsync<ReproException>(() => host.StartAsync());
        Assert.AreEqual(ErrorCode.ModelFileChanged, error.Code);
        Assert.ThrowsExactly<InvalidOperationException>(() =>
            new ServiceCollection().AddRegisteredModel<IrisInput, IrisPrediction>("iris@production", o => o.WatchForChanges = true));
    }

    // A pool that resolves iris@production from the test's registry and polls it ten times a second.
    private ServiceProvider Watched(ListLogger log) => Services(log, s => s.AddRegisteredModel<IrisInput, IrisPrediction>("iris@production", o =>
    {
        o.Source = _source;
        o.WatchForChanges = true;
        o.PollInterval = TimeSpan.FromMilliseconds(100);
    }));

    private static ServiceProvider Services(ListLogger log, Action<IServiceCollection> configure)
    {
        var services = new ServiceCollection().AddLogging(l => l.AddProvider(log));
        configure(services);
        services.AddHealthChecks().AddRegisteredModelHealthCheck();
        return services.BuildServiceProvider();
    }

    private static Task<HealthReportEntry> Health(ServiceProvider services) =>
        services.GetRequiredService<HealthCheckService>().CheckHealthAsync().ContinueWith(t => t.Result.Entries["registered-models"], TaskScheduler.Default);

    private static async Task Until(Func<bool> condition)
    {
        for (var waited = 0; !condition(); waited += 50)
        {
            Assert.IsLessThan(30_000, waited, "the watch did not act within 30 s");
            await Task.Delay(50);
        }
    }

    private sealed class ListLogger : ILoggerProvider, ILogger
    {
        private readonly List<string> _lines = [];

        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (_lines)
                {
                    return [.. _lines];
                }
            }
        }

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_lines)
            {
                _lines.Add(formatter(state, exception));
            }
        }

        public void Dispose()
        {
        }
    }
}
