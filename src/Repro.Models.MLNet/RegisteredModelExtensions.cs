using Microsoft.ML;

namespace Repro.Models.MLNet;

public static class RegisteredModelExtensions
{
    /// <summary>The registered model as ML.NET's transformer, loaded from its proven file.</summary>
    public static ITransformer LoadTransformer(this RegisteredModel model, MLContext ml, out DataViewSchema schema)
    {
        using var file = model.OpenRead();
        return ml.Model.Load(file, out schema);
    }
}
