using System.CommandLine;
using Repro.Comparison;
using Repro.Tool.Json;

namespace Repro.Tool.Commands;

/// <summary><c>dotnet repro compare A B [--max-regression "accuracy=0.01"]</c>: -t:Compare, the same gate and exit code.</summary>
internal static class CompareCommand
{
    public static Command Create(ToolRunner runner)
    {
        var a = new Argument<string>("a") { Description = "Side A, the candidate: a run id, a group id or NAME@VERSION." };
        var b = new Argument<string>("b") { Description = "Side B, the baseline: a run id, a group id or NAME@VERSION." };
        var maxRegression = new Option<string?>("--max-regression")
        {
            Description = "How much worse A may be than B, per metric: \"accuracy=0.01 log_loss=0.05\". A gate: exit code 1 when A is worse.",
        };
        var command = new Command("compare", "Sets two runs, groups or versions side by side, as -t:Compare does; with --max-regression, a gate.") { a, b, maxRegression };
        command.SetAction(parsed =>
        {
            var margins = RegressionGate.Parse(parsed.GetValue(maxRegression));
            return runner.Run(parsed, context => Answer(context, parsed.GetValue(a)!, parsed.GetValue(b)!, margins), gate: margins.Count > 0);
        });
        return command;
    }

    private static int Answer(ToolContext context, string a, string b, IReadOnlyList<RegressionMargin> margins)
    {
        // Without a gate Compare only reports: a failed or damaged side is shown, marked, not failed on.
        var gate = margins.Count > 0;
        var comparison = Comparer.Compare(
            ComparisonSide.Resolve(context.Store, context.Registry, a, "A", gate),
            ComparisonSide.Resolve(context.Store, context.Registry, b, "B", gate),
            context.Store.Rows);
        context.NoteVersions(comparison.A.Runs.Concat(comparison.B.Runs).Select(r => r.SchemaVersion));
        var judged = gate ? RegressionGate.Judge(comparison, margins) : [];
        context.Answer(ComparisonReport.Render(comparison), () => Document(comparison, gate ? new GateRow(margins, judged, judged.All(j => j.Within)) : null));
        if (gate)
        {
            // The verdict, as the verb prints it; a regression is thrown as REPRO0054, exit code 1.
            context.Log.Progress(RegressionGate.Check(comparison, margins));
        }

        return ExitCodes.Ok;
    }

    private static CompareDocument Document(ComparisonResult comparison, GateRow? gate) => new(
        Shape.Version, "compare", Side(comparison.A), Side(comparison.B), comparison.Parameters, comparison.Inputs,
        comparison.Metrics.Select(m => new MetricRow(m.Name, m.A, m.B, m.Difference, m.Regression, m.PValue, m.LowerIsBetter)).ToArray(), gate);

    private static SideRow Side(ComparisonSide side) =>
        new(side.Reference, side.Label, side.Runs.Select(r => r.RunId).ToArray(), side.Group?.GroupId, side.Problems);
}
