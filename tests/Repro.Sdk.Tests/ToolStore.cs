using Repro.Sdk.Tests.Infrastructure;

namespace Repro.Sdk.Tests;

/// <summary>
/// The store the tool's tests read, as a real one is: two good runs (one registered and promoted), a worse one, a failed
/// one, a damaged record, a run whose artifacts are on a remote and an interrupted folder. Each test class makes its own.
/// </summary>
internal sealed record ToolStore(ExperimentProject Project, string Good, string Worse, string Damaged, string Failed, string RemoteOnly)
{
    private const string Experiments = """
            <Experiment Include="weights" Seed="42" Data="data/numbers.csv" />
            <Experiment Include="crash" Seed="1" Mode="crash" />
        """;

    public static ToolStore Create()
    {
        var project = ExperimentProject.Create(Experiments);
        var good = project.TrainRun("weights");
        var worse = project.TrainRun("weights", "-p:Force=true", "-p:Params=Scale=0.5");
        var damaged = project.TrainRun("weights", "-p:Force=true");
        var remoteOnly = project.TrainRun("weights", "-p:Force=true");
        var before = project.Runs();
        project.Train("-p:Experiment=crash").FailedWith("REPRO0006");
        var failed = Path.GetFileName(project.Runs().Except(before).Single());
        project.Dotnet("build", "-t:Register", "-p:RunId=" + good, "-p:Model=weights").Succeeded();
        project.Dotnet("build", "-t:Promote", "-p:Model=weights@1", "-p:Alias=production").Succeeded();

        var metrics = Path.Combine(project.RunsDirectory, damaged, "metrics.json");
        File.WriteAllText(metrics, File.ReadAllText(metrics).Replace("\"rows\": 5", "\"rows\": 6"));
        File.Delete(Path.Combine(project.RunsDirectory, remoteOnly, "artifacts", "model.txt"));
        Interrupt(project, "20200101-000000-000-abcdef");
        return new ToolStore(project, good, worse, damaged, failed, remoteOnly);
    }

    public static void Interrupt(ExperimentProject project, string runId)
    {
        // A build killed while it wrote a run: its folder names a process that is long gone.
        var folder = Directory.CreateDirectory(Path.Combine(project.RunsDirectory, runId + ".partial")).FullName;
        File.WriteAllText(Path.Combine(folder, "owner.json"),
            $$"""{"processId": 2147483000, "processStartedAt": "2020-01-01T00:00:00+00:00", "machine": "{{Environment.MachineName}}"}""");
    }
}
