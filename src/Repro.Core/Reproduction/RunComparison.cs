using Repro.Fingerprints;
using Repro.Records;

namespace Repro.Reproduction;

/// <summary>Compares a reproduction's record with the recorded run's: metrics within tolerance, inputs, artifacts.</summary>
public static class RunComparison
{
    public static Verdict Compare(RunRecord recorded, RunRecord reproduction, ToleranceSpec tolerance)
    {
        var metrics = recorded.Metrics.Select(m => CheckMetric(m.Key, m.Value, reproduction.Metrics, tolerance.For(m.Key))).ToArray();
        var changedArtifacts = ChangedFiles(recorded.Artifacts, reproduction.Artifacts);
        var ok = reproduction.Status == RunStatus.Completed && metrics.All(m => m.Ok);
        return new Verdict(ok ? Verdict.Reproduced : Verdict.Diverged, metrics, Inputs(recorded, reproduction), changedArtifacts.Count == 0, changedArtifacts);
    }

    /// <summary>Every input that can change a result: code, data, dependencies, toolchain, machine.</summary>
    public static IReadOnlyList<InputCheck> Inputs(RunRecord recorded, RunRecord now)
    {
        var checks = new List<InputCheck>
        {
            Check("commit", recorded.Git.Commit, now.Git.Commit),
            Check("dirty", recorded.Git.Dirty?.ToString().ToLowerInvariant(), now.Git.Dirty?.ToString().ToLowerInvariant()),
            Check("lock file", recorded.LockFile?.Sha256, now.LockFile?.Sha256),
        };
        var recordedData = recorded.Data.ToDictionary(d => d.Path, d => d.Sha256, StringComparer.Ordinal);
        var nowData = now.Data.ToDictionary(d => d.Path, d => d.Sha256, StringComparer.Ordinal);
        foreach (var path in recordedData.Keys.Union(nowData.Keys).Order(StringComparer.Ordinal))
        {
            checks.Add(Check(path, recordedData.GetValueOrDefault(path), nowData.GetValueOrDefault(path)));
        }

        checks.Add(Check("program", recorded.Program.Sha256, now.Program.Sha256));
        checks.Add(Check("sdk", recorded.Environment.SdkVersion, now.Environment.SdkVersion));
        checks.Add(Check("runtime", recorded.Environment.RuntimeVersion, now.Environment.RuntimeVersion));
        checks.Add(Check("os", recorded.Environment.Os, now.Environment.Os));
        checks.Add(Check("architecture", recorded.Environment.Architecture, now.Environment.Architecture));
        return checks;
    }

    private static MetricCheck CheckMetric(string name, double recorded, IReadOnlyDictionary<string, double> reproduced, Tolerance tolerance)
    {
        if (!reproduced.TryGetValue(name, out var value))
        {
            return new MetricCheck(name, recorded, null, null, tolerance.ToString(), Ok: false);
        }

        return new MetricCheck(name, recorded, value, Math.Abs(value - recorded), tolerance.ToString(), tolerance.Allows(recorded, value));
    }

    private static InputCheck Check(string input, string? recorded, string? current) =>
        new(input, recorded, current, !string.Equals(recorded, current, StringComparison.Ordinal));

    private static IReadOnlyList<string> ChangedFiles(IReadOnlyList<FileFingerprint> recorded, IReadOnlyList<FileFingerprint> now)
    {
        var before = recorded.ToDictionary(f => f.Path, f => f.Sha256, StringComparer.Ordinal);
        var after = now.ToDictionary(f => f.Path, f => f.Sha256, StringComparer.Ordinal);
        return before.Keys.Union(after.Keys)
            .Where(path => before.GetValueOrDefault(path) != after.GetValueOrDefault(path))
            .Order(StringComparer.Ordinal)
            .ToArray();
    }
}
