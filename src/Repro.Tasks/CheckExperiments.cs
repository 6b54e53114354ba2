namespace Repro.Tasks;

/// <summary>Checks the experiments and overrides before anything is built, so a typo fails in a second.</summary>
public sealed class CheckExperiments : ExperimentsTask
{
    private protected override void ExecuteCore()
    {
        Plan();
        MLNet?.WarnWithoutReproMLNet(ProgramInputs.ImplicitMLNet, RunLog);
    }
}
