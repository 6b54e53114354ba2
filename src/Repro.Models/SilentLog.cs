using Repro.Diagnostics;

namespace Repro.Models;

/// <summary>An application's own logging says what it wants; a load says nothing.</summary>
internal sealed class SilentLog : IRunLog
{
    public static readonly SilentLog Instance = new();

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
