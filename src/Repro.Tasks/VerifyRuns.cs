using Repro.Diagnostics;
using Repro.Runs;
using Repro.Verbs;

namespace Repro.Tasks;

/// <summary>-t:Verify: every record proven; the build fails (REPRO0099) when one is damaged.</summary>
public sealed class VerifyRuns : ReproTask
{
    private protected override void ExecuteCore()
    {
        var verification = StoreVerification.Verify(Store, Registry);
        var text = VerbAnswers.Verified(Settings, verification);
        if (!verification.Intact)
        {
            throw new ReproException(ErrorCode.StoreDamaged, text);
        }

        Report(text);
    }
}
