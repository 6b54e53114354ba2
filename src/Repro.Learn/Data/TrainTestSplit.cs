namespace Repro.Learn;

/// <summary>A training set and the test set held out from it.</summary>
/// <param name="Train">Rows to fit on.</param>
/// <param name="Test">Rows to evaluate on.</param>
/// <param name="TestRows">Indices, into the original data set, of the test rows (ascending unless given otherwise).</param>
public sealed record TrainTestSplit(Dataset Train, Dataset Test, IReadOnlyList<int> TestRows);
