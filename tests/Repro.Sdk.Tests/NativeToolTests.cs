using Repro.Sdk.Tests.Infrastructure;
using Repro.Tool;

namespace Repro.Sdk.Tests;

/// <summary>
/// dotnet repro as the linux-x64 package has it (Native AOT, trimmed) answers as the portable tool does, on a store of
/// its own. A class apart from <see cref="ToolTests"/>: its publish is the longest step of the test run, and as a class
/// of its own it is scheduled beside the others instead of last.
/// </summary>
[TestClass]
public sealed class NativeToolTests
{
    private static ExperimentProject _project = null!;
    private static string _good = null!;
    private static string _worse = null!;
    private static string _damaged = null!;
    private static string _failed = null!;

    [ClassInitialize]
    public static void TrainRegisterAndDamage(TestContext context) =>
        (_project, _good, _worse, _damaged, _failed, _) = ToolStore.Create();

    [TestMethod]
    public void TheNativeToolAnswersAsTheToolDoes()
    {
        if (!NativeTool.Runs)
        {
            Assert.Inconclusive("the Native AOT package is linux-x64's; this machine runs the portable one, which the tests above run");
        }

        // A record with a field written as null: the serializer lets it pass, and the check that reads the records' own
        // contract must find it in the trimmed program too.
        var unshaped = "20200102-000000-000-cccccc";
        var folder = Path.Combine(_project.RunsDirectory, unshaped);
        Folders.Copy(Path.Combine(_project.RunsDirectory, _good), folder);
        var record = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "run.json")))!.AsObject();
        record["runId"] = unshaped;
        record["experiment"] = null;
        File.WriteAllText(Path.Combine(folder, "run.json"), record.ToJsonString());
        try
        {
            string[][] cases =
            [
                ["runs"], ["runs", "--json"], ["runs", "--experiment", "weights", "--last", "2"],
                ["describe", _good], ["describe", _good, "--json"], ["describe", _damaged], ["describe", unshaped], ["describe", "weights@production"],
                ["compare", _worse, _good], ["compare", _worse, _good, "--json", "--max-regression", "score=0.0001"], ["compare", _failed, _good],
                ["models"], ["models", "weights", "--json"], ["verify"], ["verify", "--json"],
                ["describe", "20200101-000000-000-000000"], ["runs", "--last", "many"], ["no-such-command"],
            ];
            var described = Tool("describe", unshaped);
            Assert.Contains("$.experiment is missing or null", described.Output + described.Error, $"{described.Output}\n{described.Error}");
            foreach (var arguments in cases)
            {
                var expected = Tool(arguments);
                var native = Repro.Processes.ChildProcess.Run(NativeTool.Path, arguments, _project.Directory, TimeSpan.FromMinutes(1));
                var command = "dotnet repro " + string.Join(" ", arguments);
                Assert.AreEqual(expected.ExitCode, native.ExitCode, $"{command}:\n{native.StandardError}");
                Assert.AreEqual(expected.Output, native.StandardOutput, command);
                Assert.AreEqual(expected.Error, native.StandardError, command);
            }

            // The page: the same bytes from both, its stamp too (files older than two seconds give one).
            foreach (var file in Directory.EnumerateFiles(_project.RunsDirectory, "*", SearchOption.AllDirectories))
            {
                File.SetLastWriteTimeUtc(file, File.GetLastWriteTimeUtc(file).AddMinutes(-1));
            }

            Assert.AreEqual(ExitCodes.Ok, Tool("report", "--output", "page-jit.html").ExitCode);
            Assert.IsNotNull(Repro.Report.PageStamp.Read(Path.Combine(_project.Directory, "page-jit.html")), "the page carries a stamp");
            var report = Repro.Processes.ChildProcess.Run(NativeTool.Path, ["report", "--output", "page-native.html"], _project.Directory, TimeSpan.FromMinutes(1));
            Assert.AreEqual(ExitCodes.Ok, report.ExitCode, report.StandardError);
            CollectionAssert.AreEqual(File.ReadAllBytes(Path.Combine(_project.Directory, "page-jit.html")), File.ReadAllBytes(Path.Combine(_project.Directory, "page-native.html")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static ToolAnswer Tool(params string[] arguments) => ToolTests.ToolAt(_project.Directory, arguments);
}
