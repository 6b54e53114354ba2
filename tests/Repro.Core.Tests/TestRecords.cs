using Repro.Probes;
using Repro.Fingerprints;
using Repro.Records;
using Repro.Training;

namespace Repro.Core.Tests;

/// <summary>A completed run record with plausible stamps; tests change what they test with <c>with</c>.</summary>
internal static class TestRecords
{
    public static RunRecord Completed(string experiment = "iris-forest") => new()
    {
        RunId = "20261122-051500-123-3f9a1c",
        Experiment = experiment,
        Status = RunStatus.Completed,
        Seed = 42,
        TestSize = 0.2,
        Params = new(StringComparer.Ordinal),
        Overrides = [],
        Metrics = new(StringComparer.Ordinal) { ["accuracy"] = 0.9666666666666667, ["log_loss"] = 0.1 },
        Git = new GitRecord(new string('a', 40), false, "main", null),
        LockFile = new LockFileRecord("packages.lock.json", new string('c', 64)),
        Data = [new FileFingerprint("data/iris.csv", new string('d', 64), 3858)],
        Artifacts = [new FileFingerprint("artifacts/model.bin", new string('e', 64), 10)],
        Program = new ProgramRecord("bin/Debug/net10.0/Iris.dll", new string('f', 64), "net10.0"),
        Environment = EnvironmentProbe.Read("10.0.100", null),
        Files = new RecordFiles(new string('1', 64), null),
        StartedAt = DateTimeOffset.UnixEpoch,
        DurationMs = 1234,
        Command = "dotnet build Iris.csproj -t:Train",
    };

    public static SortedDictionary<string, string> Params(params (string Name, string Value)[] parameters) =>
        new(parameters.ToDictionary(p => p.Name, p => p.Value), StringComparer.Ordinal);
}
