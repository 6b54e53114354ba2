namespace Repro.Diagnostics;

/// <summary>A log that holds its messages until told where they go: a step that may be done again by another says nothing twice.</summary>
public sealed class HeldRunLog : IRunLog
{
    private readonly List<Action<IRunLog>> _messages = [];

    public void Progress(string message) => Hold(log => log.Progress(message));

    public void Detail(string message) => Hold(log => log.Detail(message));

    public void Warning(string code, string message) => Hold(log => log.Warning(code, message));

    public void Error(string code, string message) => Hold(log => log.Error(code, message));

    /// <summary>Writes every held message to <paramref name="log"/>, in order, and forgets them.</summary>
    public void Release(IRunLog log)
    {
        lock (_messages)
        {
            foreach (var message in _messages)
            {
                message(log);
            }

            _messages.Clear();
        }
    }

    private void Hold(Action<IRunLog> message)
    {
        lock (_messages)
        {
            _messages.Add(message);
        }
    }
}
