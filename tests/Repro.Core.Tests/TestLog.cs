using Repro.Diagnostics;

namespace Repro.Core.Tests;

/// <summary>A log that keeps what it is told, for tests to read.</summary>
internal sealed class TestLog : IRunLog
{
    private readonly List<(string Code, string Message)> _warnings = [];

    public List<string> Messages { get; } = [];

    public IReadOnlyList<(string Code, string Message)> Warnings
    {
        get
        {
            lock (_warnings)
            {
                return _warnings.ToArray();
            }
        }
    }

    public void Progress(string message) => Messages.Add(message);

    public void Detail(string message) => Messages.Add(message);

    public void Warning(string code, string message)
    {
        lock (_warnings)
        {
            _warnings.Add((code, message));
        }
    }

    public void Error(string code, string message) => throw new AssertFailedException($"{code}: {message}");
}
