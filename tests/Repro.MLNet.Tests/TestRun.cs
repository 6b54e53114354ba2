using System.Text.Json;

namespace Repro.MLNet.Tests;

/// <summary>An <see cref="ExperimentRun"/> opened on a temporary run folder, deleted when disposed.</summary>
internal sealed class TestRun : IDisposable
{
    private TestRun(string folder, ExperimentRun run)
    {
        Folder = folder;
        Run = run;
    }

    public string Folder { get; }

    public ExperimentRun Run { get; }

    public string MetricsJson => File.ReadAllText(Path.Combine(Folder, RunFiles.Metrics));

    public static TestRun Open(long seed = 42, double? testSize = 0.2)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"repro-mlnet-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        // The shape RunConfig reads: camelCase, as the build writes it.
        var config = new Dictionary<string, object?>
        {
            ["runId"] = "20260101-000000-000-test",
            ["experiment"] = "iris",
            ["seed"] = seed,
            ["testSize"] = testSize,
            ["params"] = new Dictionary<string, string>(),
            ["data"] = Array.Empty<string>(),
        };
        File.WriteAllText(Path.Combine(folder, RunFiles.Config), JsonSerializer.Serialize(config));
        return new TestRun(folder, ExperimentRun.Open([RunFiles.RunOption, folder]));
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
