namespace Repro.Models.MLNet;

/// <summary>One AddRegisteredModel: a name, a reference, and where to find it.</summary>
internal sealed record RegisteredModelRegistration<TIn, TOut>(string Name, string Reference, RegisteredModelOptions Options)
    where TIn : class
    where TOut : class, new()
{
    public RegisteredModel Resolve() => Options.Source is { } source ? RegisteredModel.Load(Reference, source) : RegisteredModel.Load(Reference);
}
