using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML;
using Repro.Diagnostics;

namespace Repro.Models.MLNet;

/// <summary>What the health check and the start-up log read of every registered model a service serves.</summary>
public interface IRegisteredModelStatus
{
    /// <summary>The name it was added under ("" for the default).</summary>
    string Name { get; }

    /// <summary>The model serving now.</summary>
    RegisteredModel Model { get; }

    /// <summary>Why the last attempt to move to a new version failed (the old one kept serving), or null.</summary>
    string? LastRefusal { get; }
}

/// <summary>
/// PredictionEngines for the registered models a service predicts with, shaped like Microsoft.Extensions.ML's
/// PredictionEnginePool: <see cref="GetPredictionEngine"/> and <see cref="ReturnPredictionEngine"/>, named models,
/// and <see cref="Predict(TIn)"/>. A model resolved at run time and watched is swapped whole when its alias moves:
/// engines handed out before finish on the old model.
/// </summary>
public sealed class RegisteredModelPool<TIn, TOut> : IDisposable
    where TIn : class
    where TOut : class, new()
{
    private readonly Dictionary<string, Slot> _slots = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<PredictionEngine<TIn, TOut>, LiveModel<TIn, TOut>> _lent = new();
    private readonly ILogger _log;

    internal RegisteredModelPool(IEnumerable<RegisteredModelRegistration<TIn, TOut>> registrations, ILogger? log)
    {
        _log = log ?? NullLogger.Instance;
        foreach (var registration in registrations)
        {
            try
            {
                _slots.Add(registration.Name, new Slot(this, registration));
            }
            catch (ReproException e)
            {
                // The host stops with this exception; the log says why in the words every Repro error has.
                _log.LogCritical("{Code}: {Message}", e.Code, e.Message);
                throw;
            }
        }
    }

    /// <summary>Every model this pool serves, for the health check.</summary>
    public IReadOnlyList<IRegisteredModelStatus> Models => [.. _slots.Values];

    /// <summary>The model serving now under <paramref name="name"/> ("" for the one added without a name).</summary>
    public RegisteredModel GetModel(string name = "") => SlotOf(name).Live.Model;

    public PredictionEngine<TIn, TOut> GetPredictionEngine(string name = "")
    {
        var live = SlotOf(name).Live;
        var engine = live.Engines.Get();
        _lent.AddOrUpdate(engine, live);
        return engine;
    }

    /// <summary>Gives an engine back; one of a model swapped out since is disposed instead of pooled.</summary>
    public void ReturnPredictionEngine(PredictionEngine<TIn, TOut> engine, string name = "")
    {
        if (_lent.TryGetValue(engine, out var from) && ReferenceEquals(from, SlotOf(name).Live))
        {
            from.Engines.Return(engine);
        }
        else
        {
            engine.Dispose();
        }

        _lent.Remove(engine);
    }

    public TOut Predict(TIn input) => Predict("", input);

    public TOut Predict(string name, TIn input)
    {
        var engine = GetPredictionEngine(name);
        try
        {
            return engine.Predict(input);
        }
        finally
        {
            ReturnPredictionEngine(engine, name);
        }
    }

    public void Dispose()
    {
        foreach (var slot in _slots.Values)
        {
            slot.Dispose();
        }
    }

    private Slot SlotOf(string name) => _slots.TryGetValue(name, out var slot) ? slot
        : throw new InvalidOperationException($"no registered model was added under the name '{name}': add it with AddRegisteredModel<{typeof(TIn).Name}, {typeof(TOut).Name}>(\"{name}\", reference).");

    /// <summary>One named model: loaded at once (so a refused file stops the service at start), then watched when asked.</summary>
    private sealed class Slot : IRegisteredModelStatus, IDisposable
    {
        private readonly RegisteredModelRegistration<TIn, TOut> _registration;
        private readonly ILogger _log;
        private readonly Timer? _watch;
        private LiveModel<TIn, TOut> _live;
        private int _refreshing;

        public Slot(RegisteredModelPool<TIn, TOut> pool, RegisteredModelRegistration<TIn, TOut> registration)
        {
            _registration = registration;
            _log = pool._log;
            _live = LiveModel<TIn, TOut>.Load(registration.Resolve());
            _log.LogInformation("Serving {Model}", Describe(_live.Model));
            if (registration.Options.WatchForChanges)
            {
                _watch = new Timer(_ => Refresh(), null, registration.Options.PollInterval, registration.Options.PollInterval);
            }
        }

        public string Name => _registration.Name;

        public RegisteredModel Model => Live.Model;

        public string? LastRefusal { get; private set; }

        public LiveModel<TIn, TOut> Live => Volatile.Read(ref _live);

        public void Dispose() => _watch?.Dispose();

        /// <summary>Resolves the reference again; a new version is proven and loaded before it replaces the old, and a refused one changes nothing.</summary>
        internal void Refresh()
        {
            // A load slower than the interval does not start a second one beside it.
            if (Interlocked.Exchange(ref _refreshing, 1) == 1)
            {
                return;
            }

            try
            {
                var model = _registration.Resolve();
                if (model.Sha256 == Live.Model.Sha256)
                {
                    return;
                }

                var next = LiveModel<TIn, TOut>.Load(model);
                var before = Interlocked.Exchange(ref _live, next);
                LastRefusal = null;
                _log.LogInformation("Serving {Model} (was v{Version})", Describe(next.Model), before.Model.Version);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Whatever stops the new model (its hash, a registry half-copied, a file ML.NET cannot read), the old one serves on.
                var reason = e is Diagnostics.ReproException coded ? $"{coded.Code}: {coded.Message}" : e.Message;
                LastRefusal = reason;
                _log.LogError("{Reference} was not swapped in, and v{Version} keeps serving: {Reason}", _registration.Reference, Live.Model.Version, reason);
            }
            finally
            {
                Volatile.Write(ref _refreshing, 0);
            }
        }

        private static string Describe(RegisteredModel model) =>
            $"{model.Reference} → v{model.Version}, run {model.RunId}, sha256 {model.Sha256}";
    }
}
