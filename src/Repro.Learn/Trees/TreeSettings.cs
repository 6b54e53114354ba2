namespace Repro.Learn;

/// <summary>Resolved growth limits of one tree.</summary>
/// <param name="MaxDepth">Deepest allowed node (root is depth 0), or <see cref="int.MaxValue"/>.</param>
/// <param name="MinSamplesLeaf">Fewest distinct training rows a leaf may hold.</param>
/// <param name="MaxFeatures">Non-constant features examined per split.</param>
internal sealed record TreeSettings(int MaxDepth, int MinSamplesLeaf, int MaxFeatures);
