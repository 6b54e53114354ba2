namespace Repro.MLNet;

/// <summary>Recording a trainer's options, which ML.NET does not keep in model.zip.</summary>
public static class RunOptions
{
    extension(ExperimentRun run)
    {
        /// <summary>
        /// Records every public field and property of <paramref name="options"/>, defaults included, under the trainer's
        /// name (SdcaRegression for <c>SdcaRegressionTrainer.Options</c>), so Compare and Reproduce name an option that
        /// changed. A null <c>int? Seed</c> is first set to the run's TrainerSeed (<see cref="RunSeeding"/>).
        /// </summary>
        /// <returns><paramref name="options"/> itself, to pass on to the trainer.</returns>
        public TOptions Options<TOptions>(TOptions options) where TOptions : class
        {
            ArgumentNullException.ThrowIfNull(options);
            TrainerOptions.Seed(options, run.TrainerSeed);
            run.RecordOptions(TrainerOptions.TrainerName(options.GetType()), TrainerOptions.Read(options));
            return options;
        }
    }
}
