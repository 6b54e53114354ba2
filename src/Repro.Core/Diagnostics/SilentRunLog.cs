namespace Repro.Diagnostics;

/// <summary>A log that says nothing: for work whose every problem is reported elsewhere, or by its caller.</summary>
public sealed class SilentRunLog : IRunLog
{
    public static readonly SilentRunLog Instance = new();

    private SilentRunLog()
    {
    }

    public void Progress(string message)
    {
    }

    public void Detail(string message)
    {
    }

    public void Warning(string code, string message)
    {
    }

    public void Error(string code, string message)
    {
    }
}
