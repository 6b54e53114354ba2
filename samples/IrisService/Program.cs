// POST /predict: measurements in, species and scores out. GET /model: the model that answers. GET /health: whether it does.
using System.Text.Json;
using IrisService;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.ML;
using Microsoft.ML.Data;
using Repro.Models.MLNet;

const string Model = "iris-classifier@production";

var builder = WebApplication.CreateBuilder(args);
// The model the build placed in the output, proven again when the host starts: a changed file stops the service before it answers.
builder.Services.AddRegisteredModel<IrisMeasurements, IrisPrediction>(Model);
builder.Services.AddHealthChecks().AddRegisteredModelHealthCheck();
var app = builder.Build();

app.MapPost("/predict", (IrisMeasurements flower, RegisteredModelPool<IrisMeasurements, IrisPrediction> pool) =>
{
    var engine = pool.GetPredictionEngine();
    try
    {
        var prediction = engine.Predict(flower);
        var names = SpeciesNames(engine.OutputSchema);
        return Results.Ok(new
        {
            species = prediction.Species,
            scores = names.Zip(prediction.Score).ToDictionary(p => p.First, p => p.Second),
            model = pool.GetModel().ToString(),
        });
    }
    finally
    {
        pool.ReturnPredictionEngine(engine);
    }
});

app.MapGet("/model", (RegisteredModelPool<IrisMeasurements, IrisPrediction> pool) =>
{
    var model = pool.GetModel();
    return Results.Ok(new { reference = model.Reference, model.Name, model.Alias, model.Version, model.RunId, model.Sha256, model.RegisteredAt, model.Metrics });
});

app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteHealth });

app.Run();

// The score's slots are named by the species the model was trained on, in its own order.
static string[] SpeciesNames(DataViewSchema schema)
{
    VBuffer<ReadOnlyMemory<char>> names = default;
    schema["Score"].GetSlotNames(ref names);
    return [.. names.DenseValues().Select(n => n.ToString())];
}

static Task WriteHealth(HttpContext context, Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport report)
{
    context.Response.ContentType = "application/json";
    return context.Response.WriteAsync(JsonSerializer.Serialize(new
    {
        status = report.Status.ToString(),
        checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
    }));
}

/// <summary>For tests that host the service in their own process.</summary>
public partial class Program;
