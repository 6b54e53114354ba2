using Repro.Diagnostics;

namespace Repro.Tool;

/// <summary>What <c>dotnet repro</c> exits with (docs/cli.md): a script can tell "the answer is no" from "the question was wrong".</summary>
public static class ExitCodes
{
    /// <summary>Done; for compare with a gate, within every margin; for verify, every record intact.</summary>
    public const int Ok = 0;

    /// <summary>The check said no: compare's gate found A worse than a margin allows (or a side it cannot judge), verify found a damaged record.</summary>
    public const int CheckFailed = 1;

    /// <summary>The request could not be answered: a bad option, no project, a run or model that is not there.</summary>
    public const int BadRequest = 2;

    /// <summary>The exit code of a coded error: a check's verdict is 1, anything else 2.</summary>
    /// <param name="gate">Whether the command was a gate (compare with --max-regression): then a side it cannot judge fails it.</param>
    public static int For(ReproException error, bool gate) => error.Code switch
    {
        ErrorCode.Regressed or ErrorCode.StoreDamaged => CheckFailed,
        ErrorCode.DamagedRecord or ErrorCode.FailedRunNotReproducible or ErrorCode.NothingToCompare when gate => CheckFailed,
        _ => BadRequest,
    };
}
