using Microsoft.ML;

namespace Repro.MLNet;

/// <summary>ML.NET's sources of randomness, seeded from the run.</summary>
public static class RunSeeding
{
    extension(ExperimentRun run)
    {
        /// <summary>
        /// The run's seed as the <see cref="int"/> ML.NET components take: <c>MLContext(seed:)</c>,
        /// <c>FastTreeBinaryTrainer.Options.Seed</c>, <c>LightGbm…Options.Seed</c> and the like.
        /// A seed in [0, <see cref="int.MaxValue"/>] is passed through unchanged; any other seed is folded
        /// deterministically (SplitMix64 finaliser, 31 bits kept), so the same run seed always gives the same trainer seed.
        /// </summary>
        public int TrainerSeed => TrainerSeeds.Fold(run.Seed);

        /// <summary>An <see cref="MLContext"/> seeded with <see cref="extension(ExperimentRun).TrainerSeed"/>.</summary>
        public MLContext CreateMLContext() => new(seed: run.TrainerSeed);

        /// <summary>
        /// Splits <paramref name="data"/> into train and test sets with the run's TestSize as the test fraction and
        /// the run's trainer seed, so a run with the same seed holds out the same rows.
        /// </summary>
        /// <param name="ml">The context whose data catalog does the split.</param>
        /// <param name="data">The rows to split.</param>
        /// <param name="samplingKeyColumnName">A column whose equal values must land on the same side, as in ML.NET.</param>
        /// <exception cref="ExperimentException">REPRO2001 when the experiment has no TestSize.</exception>
        public DataOperationsCatalog.TrainTestData TrainTestSplit(MLContext ml, IDataView data, string? samplingKeyColumnName = null)
        {
            ArgumentNullException.ThrowIfNull(ml);
            ArgumentNullException.ThrowIfNull(data);
            var split = ml.Data.TrainTestSplit(data, testFraction: run.TestSize, samplingKeyColumnName, seed: run.TrainerSeed);
            run.RecordSplit(SplitRows.Fingerprint(split));
            return split;
        }
    }
}
