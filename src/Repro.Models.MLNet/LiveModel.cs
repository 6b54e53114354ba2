using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;

namespace Repro.Models.MLNet;

/// <summary>One loaded model and the engines made from it: a pool swaps one for another whole.</summary>
internal sealed class LiveModel<TIn, TOut>
    where TIn : class
    where TOut : class, new()
{
    private LiveModel(RegisteredModel model, ITransformer transformer, ObjectPool<PredictionEngine<TIn, TOut>> engines)
    {
        Model = model;
        Transformer = transformer;
        Engines = engines;
    }

    public RegisteredModel Model { get; }

    public ITransformer Transformer { get; }

    /// <summary>A PredictionEngine is not thread-safe: one per caller at a time, reused.</summary>
    public ObjectPool<PredictionEngine<TIn, TOut>> Engines { get; }

    public static LiveModel<TIn, TOut> Load(RegisteredModel model)
    {
        var ml = new MLContext();
        var transformer = model.LoadTransformer(ml, out _);
        return new LiveModel<TIn, TOut>(model, transformer, new DefaultObjectPoolProvider().Create(new EnginePolicy(ml, transformer)));
    }

    private sealed class EnginePolicy(MLContext ml, ITransformer transformer) : IPooledObjectPolicy<PredictionEngine<TIn, TOut>>
    {
        public PredictionEngine<TIn, TOut> Create() => ml.Model.CreatePredictionEngine<TIn, TOut>(transformer);

        public bool Return(PredictionEngine<TIn, TOut> engine) => true;
    }
}
