namespace Repro.Threads;

/// <summary>Whether a built experiment program runs ML.NET: its output folder holds ML.NET's core assembly.</summary>
public static class MLNetProgram
{
    public static bool IsUsedBy(string programPath) =>
        Path.GetDirectoryName(programPath) is { } folder && File.Exists(Path.Combine(folder, "Microsoft.ML.Core.dll"));
}
