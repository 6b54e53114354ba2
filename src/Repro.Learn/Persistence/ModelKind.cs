namespace Repro.Learn;

/// <summary>Model kinds as written in the file header.</summary>
internal static class ModelKind
{
    public const string LogisticRegression = "LogisticRegression";
    public const string DecisionTree = "DecisionTree";
    public const string RandomForest = "RandomForest";
}
