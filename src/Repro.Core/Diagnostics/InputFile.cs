namespace Repro.Diagnostics;

/// <summary>
/// Reads a file Repro needs as an input, so that a file that is there but cannot be read is told apart from a run
/// store that cannot be written: both are IOExceptions, and only the reader knows which it was.
/// </summary>
public static class InputFile
{
    public static T Read<T>(string path, Func<string, T> read)
    {
        try
        {
            return read(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ReproException(ErrorCode.UnreadableFile,
                $"'{path}' cannot be read ({e.Message}): make it readable by this user, or close the program that holds it.", e);
        }
    }
}
