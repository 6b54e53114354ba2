namespace Repro.Remotes.Tests;

/// <summary>Every progress report, kept as it arrives (Progress&lt;T&gt; would post them later, to a thread pool).</summary>
internal sealed class RecordedProgress : IProgress<long>
{
    private readonly List<long> reports = [];

    public IReadOnlyList<long> Reports
    {
        get
        {
            lock (reports)
            {
                return [.. reports];
            }
        }
    }

    /// <summary>Called on every report, for a test that must act part way through.</summary>
    public Action<long>? OnReport { get; init; }

    public void Report(long value)
    {
        lock (reports)
        {
            reports.Add(value);
        }

        OnReport?.Invoke(value);
    }
}
