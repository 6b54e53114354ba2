namespace Repro.Tasks;

/// <summary>Checks the experiments and overrides before anything is built, so a typo fails in a second.</summary>
public sealed class CheckExperiments : ExperimentsTask
{
    /// <summary>True where Train runs in this process: its planning's code is then compiled while the program is built.</summary>
    public bool WarmUpTrain { get; set; }

    private protected override void ExecuteCore()
    {
        if (Plan().Count > 0 && WarmUpTrain && !Log.HasLoggedErrors)
        {
            Training.TrainWarmUp.Start(FullPath(ProgramInputs.HashCacheFile), Store);
        }

        MLNet?.WarnWithoutReproMLNet(ProgramInputs.ImplicitMLNet, RunLog);
    }
}
