using System.Text.Json;
using Repro.Sdk.Tests.Infrastructure;
using Repro.Tool;

namespace Repro.Sdk.Tests;

/// <summary>
/// dotnet repro answers as the verbs do, on the same records: for every command the tool's output is the verb's,
/// --json parses and carries the same facts, and the exit codes are those docs/cli.md documents. The store holds what
/// a real one does: two good runs (one registered and promoted), a worse one, a failed one, a damaged record, a run
/// whose artifacts are on a remote and an interrupted folder.
/// </summary>
[TestClass]
public sealed class ToolTests
{
    private static ExperimentProject _project = null!;
    private static string _good = null!;
    private static string _worse = null!;
    private static string _damaged = null!;
    private static string _failed = null!;
    private static string _remoteOnly = null!;

    [ClassInitialize]
    public static void TrainRegisterAndDamage(TestContext context) =>
        (_project, _good, _worse, _damaged, _failed, _remoteOnly) = ToolStore.Create();

    [TestMethod]
    public void EveryCommandAnswersAsItsVerbDoes()
    {
        var cases = new (string[] Tool, string[] Verb)[]
        {
            (["runs"], ["-t:Runs"]),
            (["runs", "--experiment", "weights", "--last", "2"], ["-t:Runs", "-p:Experiment=weights", "-p:Last=2"]),
            (["describe", _good], ["-t:Describe", "-p:RunId=" + _good]),
            (["describe", _damaged], ["-t:Describe", "-p:RunId=" + _damaged]),
            (["describe", "weights@production"], ["-t:Describe", "-p:Model=weights@production"]),
            (["compare", _worse, _good], ["-t:Compare", "-p:RunId=" + _worse, "-p:Against=" + _good]),
            (["compare", _failed, _good], ["-t:Compare", "-p:RunId=" + _failed, "-p:Against=" + _good]),
            (["models"], ["-t:Models"]),
            (["models", "weights"], ["-t:Models", "-p:Model=weights"]),
            (["models", "weights@production"], ["-t:Describe", "-p:Model=weights@production"]),
            (["report", "--output", "page.html"], ["-t:Report", "-p:ReportFile=page.html"]),
        };
        foreach (var (tool, verb) in cases)
        {
            var answer = Tool(tool);
            Assert.AreEqual(ExitCodes.Ok, answer.ExitCode, $"dotnet repro {string.Join(" ", tool)}:\n{answer.Error}");
            AssertSameAnswer(_project.Dotnet(["build", .. verb]).Succeeded().Output, answer.Output, string.Join(" ", tool));
        }

        // Every command of the tool is a verb of the table, and was checked above.
        foreach (var command in ToolCommands.All)
        {
            Assert.IsTrue(Verbs.VerbTable.All.Any(v => v.Name == command.Verb && !v.Builds), command.Name);
            Assert.IsTrue(cases.Any(c => c.Tool[0] == command.Name) || command.Name is "verify" or "prune", command.Name);
        }
    }

    [TestMethod]
    public void VerifyAndPruneAnswerAsTheirVerbsDo()
    {
        var verb = _project.Dotnet("build", "-t:Verify").FailedWith("REPRO0099").Output;
        var tool = Tool("verify");
        Assert.AreEqual(ExitCodes.CheckFailed, tool.ExitCode, tool.Error);
        StringAssert.Contains(tool.Error, "error REPRO0099:");
        StringAssert.Contains(tool.Error, $"run {_damaged}  REPRO0022:");
        StringAssert.Contains(verb, $"run {_damaged}  REPRO0022:");
        Assert.AreEqual("", tool.Output, "a damaged store's summary is the error, as the verb's is");

        // Prune removes what it finds: the same interrupted folder for the verb, then for the tool.
        _project.Dotnet("build", "-t:Prune").Succeeded();
        ToolStore.Interrupt(_project, "20200101-000000-000-aaaaaa");
        var pruned = _project.Dotnet("build", "-t:Prune").Succeeded().Output;
        StringAssert.Contains(pruned, "20200101-000000-000-aaaaaa");
        ToolStore.Interrupt(_project, "20200101-000000-000-aaaaaa");
        var again = Tool("prune");
        Assert.AreEqual(ExitCodes.Ok, again.ExitCode, again.Error);
        AssertSameAnswer(pruned, again.Output, "prune");
    }

    [TestMethod]
    public void JsonParsesAndCarriesTheSameFacts()
    {
        ToolStore.Interrupt(_project, "20200101-000000-000-bbbbbb");
        using var runs = Json("runs");
        var rows = runs.RootElement.GetProperty("runs").EnumerateArray().ToDictionary(r => r.GetProperty("runId").GetString()!);
        Assert.AreEqual(1, runs.RootElement.GetProperty("schemaVersion").GetInt32());
        CollectionAssert.IsSubsetOf(new[] { _good, _worse, _damaged, _remoteOnly, _failed }, rows.Keys.ToArray());
        Assert.AreEqual("failed", rows[_failed].GetProperty("status").GetString());
        Assert.IsFalse(rows[_remoteOnly].GetProperty("artifactsLocal").GetBoolean());
        Assert.AreEqual("weights@1 (weights@production)", rows[_good].GetProperty("modelVersions")[0].GetString());
        var score = rows[_good].GetProperty("metrics").GetProperty("score").GetDouble().ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        StringAssert.Contains(_project.Dotnet("build", "-t:Describe", "-p:RunId=" + _good).Succeeded().Output, "score = " + score);
        Assert.IsTrue(runs.RootElement.GetProperty("unfinished").EnumerateArray()
            .Any(u => u.GetProperty("runId").GetString() == "20200101-000000-000-bbbbbb" && u.GetProperty("state").GetString() == "interrupted"));

        using var damaged = Json("describe", _damaged);
        Assert.IsFalse(damaged.RootElement.GetProperty("intact").GetBoolean());
        Assert.AreEqual("REPRO0022", damaged.RootElement.GetProperty("problem").GetProperty("code").GetString());
        Assert.AreEqual(_damaged, damaged.RootElement.GetProperty("record").GetProperty("runId").GetString());

        using var compare = Json("compare", _worse, _good, "--max-regression", "score=1000");
        var scored = compare.RootElement.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("name").GetString() == "score");
        Assert.IsTrue(scored.GetProperty("regression").GetDouble() > 0, "A (Scale=0.5) is worse");
        Assert.IsTrue(compare.RootElement.GetProperty("gate").GetProperty("passed").GetBoolean());

        using var models = Json("models");
        var model = models.RootElement.GetProperty("models").EnumerateArray().Single();
        Assert.AreEqual(_good, model.GetProperty("versions")[0].GetProperty("runId").GetString());
        Assert.AreEqual("production", model.GetProperty("aliases")[0].GetProperty("alias").GetString());

        var verify = Tool("verify", "--json");
        Assert.AreEqual(ExitCodes.CheckFailed, verify.ExitCode);
        using var verified = JsonDocument.Parse(verify.Output);
        Assert.IsFalse(verified.RootElement.GetProperty("intact").GetBoolean());
        Assert.IsTrue(verified.RootElement.GetProperty("problems").EnumerateArray().Any(p => p.GetProperty("id").GetString() == _damaged && p.GetProperty("code").GetString() == "REPRO0022"));
    }

    [TestMethod]
    public void ExitCodesAreAsDocumentedAndACorruptRecordGetsTheVerbsCode()
    {
        Assert.AreEqual(ExitCodes.Ok, Tool("compare", _worse, _good, "--max-regression", "score=1000").ExitCode);
        var regressed = Tool("compare", _worse, _good, "--max-regression", "score=0.0001");
        Assert.AreEqual(ExitCodes.CheckFailed, regressed.ExitCode);
        StringAssert.Contains(regressed.Error, "error REPRO0054:");
        _project.Dotnet("build", "-t:Compare", "-p:RunId=" + _worse, "-p:Against=" + _good, "-p:MaxRegression=score=0.0001").FailedWith("REPRO0054");

        // A gate cannot judge a damaged or failed side: the same codes as the verb, and the gate fails.
        var damaged = Tool("compare", _damaged, _good, "--max-regression", "score=1");
        Assert.AreEqual(ExitCodes.CheckFailed, damaged.ExitCode);
        StringAssert.Contains(damaged.Error, "error REPRO0022:");
        var failed = Tool("compare", _failed, _good, "--max-regression", "score=1");
        Assert.AreEqual(ExitCodes.CheckFailed, failed.ExitCode);
        StringAssert.Contains(failed.Error, "error REPRO0052:");

        // A bad request: the verb's code, exit code 2.
        var unknown = Tool("describe", "20200101-000000-000-000000");
        Assert.AreEqual(ExitCodes.BadRequest, unknown.ExitCode);
        StringAssert.Contains(unknown.Error, "error REPRO0021:");
        Assert.AreEqual(ExitCodes.BadRequest, Tool("runs", "--last", "many").ExitCode);
        Assert.AreEqual(ExitCodes.BadRequest, Tool("no-such-command").ExitCode);
        var noProject = ToolAt(_project.Repository, "runs");
        Assert.AreEqual(ExitCodes.BadRequest, noProject.ExitCode);
        StringAssert.Contains(noProject.Error, "error REPRO0100:");
        Assert.AreEqual(ExitCodes.Ok, ToolAt(_project.Repository, "runs", "--project", "Demo").ExitCode);
    }

    [TestMethod]
    public void ItSaysSoWhenTheSdkThatWroteTheRecordsIsAnotherRelease()
    {
        // The projects here build with the packed SDK, 0.1.0-test.*; this tool is 0.1.0.
        var answer = Tool("runs");
        StringAssert.Contains(answer.Error, $"the project builds with Repro.Sdk {_project.Feed.Version}");
        StringAssert.Contains(answer.Error, $"dotnet tool update Repro.Tool --version {_project.Feed.Version}");
        Assert.DoesNotContain("Repro.Sdk", answer.Output);
    }

    /// <summary>The verb's answer, "Demo -> " and what follows, holds the tool's answer line for line.</summary>
    internal static void AssertSameAnswer(string verbOutput, string toolOutput, string command)
    {
        var verb = verbOutput.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
        var tool = toolOutput.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
        Assert.IsNotEmpty(tool, command);
        var start = Array.FindIndex(verb, l => l.EndsWith("Demo -> " + tool[0], StringComparison.Ordinal));
        Assert.IsGreaterThanOrEqualTo(0, start, $"{command}: the verb's output has no 'Demo -> {tool[0]}':\n{verbOutput}");
        for (var i = 1; i < tool.Length; i++)
        {
            Assert.AreEqual(tool[i], start + i < verb.Length ? verb[start + i] : "(end of the verb's output)", $"{command}, line {i + 1}:\nverb:\n{verbOutput}\ntool:\n{toolOutput}");
        }
    }

    private static JsonDocument Json(params string[] arguments)
    {
        var answer = Tool([.. arguments, "--json"]);
        Assert.AreEqual(ExitCodes.Ok, answer.ExitCode, answer.Error);
        return JsonDocument.Parse(answer.Output);
    }

    private static ToolAnswer Tool(params string[] arguments) => ToolAt(_project.Directory, arguments);

    internal static ToolAnswer ToolAt(string directory, params string[] arguments)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = ToolCommands.Run(arguments, output, error, directory);
        return new ToolAnswer(exitCode, output.ToString(), error.ToString());
    }
}

internal sealed record ToolAnswer(int ExitCode, string Output, string Error);
