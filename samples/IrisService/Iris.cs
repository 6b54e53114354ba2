using Microsoft.ML.Data;

namespace IrisService;

/// <summary>One flower's measurements, in centimetres: the columns the model was trained on.</summary>
public sealed class IrisMeasurements
{
    [ColumnName("sepal_length")]
    public float SepalLength { get; set; }

    [ColumnName("sepal_width")]
    public float SepalWidth { get; set; }

    [ColumnName("petal_length")]
    public float PetalLength { get; set; }

    [ColumnName("petal_width")]
    public float PetalWidth { get; set; }

    // The label column the pipeline starts from; unknown when predicting.
    [ColumnName("species")]
    public string Species { get; set; } = "";
}

/// <summary>What the model says: the species, and a score per species.</summary>
public sealed class IrisPrediction
{
    [ColumnName("PredictedSpecies")]
    public string Species { get; set; } = "";

    public float[] Score { get; set; } = [];
}
