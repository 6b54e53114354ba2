using System.CommandLine;
using Repro.Diagnostics;
using Repro.Runs;
using Repro.Tool.Json;
using Repro.Verbs;

namespace Repro.Tool.Commands;

/// <summary><c>dotnet repro verify</c>: -t:Verify, for CI: exit code 1 (REPRO0099) when a record is damaged.</summary>
internal static class VerifyCommand
{
    public static Command Create(ToolRunner runner)
    {
        var command = new Command("verify", "Proves every record against its hashes, as -t:Verify does; exit code 1 when one is damaged.");
        command.SetAction(parsed => runner.Run(parsed, context =>
        {
            var verification = StoreVerification.Verify(context.Store, context.Registry);
            var text = VerbAnswers.Verified(context.Settings, verification);
            if (context.Json || verification.Intact)
            {
                context.Answer(text, () => new VerifyDocument(Shape.Version, "verify", verification.Runs, verification.Groups, verification.Models,
                    verification.Intact, verification.Problems, verification.NotLocal, verification.Interrupted));
            }

            // As the verb does: damage is an error, with the summary as its message.
            return verification.Intact ? ExitCodes.Ok : throw new ReproException(ErrorCode.StoreDamaged, text);
        }));
        return command;
    }
}
